using System.Numerics.Tensors;
using BERTTokenizers.Base;
using Microsoft.ML.OnnxRuntime;

namespace Mirix.Core.Retrieval.Onnx;

/// <summary>
/// A BERT-style sentence model run on our own ONNX Runtime session: word pieces in, the token states averaged over the
/// attention mask and scaled to unit length out, as sentence-transformers pools all-MiniLM-L6-v2. Used for the int8 copy
/// of a model, whose graph the packaged encoder cannot be given.
/// In int8 a batch shares one input scale per product, so a text's vector depends a little on its companions: a cosine
/// of 0.995 to itself embedded alone for a sentence, 0.989 for a one-word text among sentences. Retrieval does not notice
/// (LoCoMo recall unchanged), while batches keep the weights in cache across texts: one text per run took 1.1-2.0 ms where
/// eights took 1.0-1.1, the more memory traffic there was around it, and ingestion ran up to 1.6 times slower.
/// </summary>
internal sealed class MeanPooledEncoder : IDisposable
{
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    private readonly InferenceSession _session;
    private readonly TokenizerBase _tokenizer;

    public MeanPooledEncoder(byte[] model, TokenizerBase tokenizer, SessionOptions options)
    {
        _session = new InferenceSession(model, options);
        _tokenizer = tokenizer;
    }

    public float[][] Encode(string[] texts, CancellationToken cancellationToken)
    {
        var encoded = _tokenizer.Encode(texts);
        var count = encoded.Count;
        var length = encoded.Count == 0 ? 0 : encoded.Max(e => e.InputIds.Length);
        var ids = new long[count * length];
        var mask = new long[count * length];
        var types = new long[count * length];
        for (var i = 0; i < count; i++)
        {
            encoded[i].InputIds.CopyTo(ids, i * length);
            encoded[i].AttentionMask.CopyTo(mask, i * length);
            encoded[i].TokenTypeIds.CopyTo(types, i * length);
        }
        long[] shape = [count, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var cancellation = cancellationToken.Register(() => runOptions.Terminate = true);
        using var outputs = _session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], OutputNames);
        cancellationToken.ThrowIfCancellationRequested();
        var states = outputs[0].GetTensorDataAsSpan<float>();
        var width = states.Length / Math.Max(count * length, 1);
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var vector = new float[width];
            for (var t = 0; t < length; t++)
            {
                if (mask[i * length + t] != 0)
                {
                    TensorPrimitives.Add(vector, states.Slice((i * length + t) * width, width), vector);
                }
            }
            var norm = TensorPrimitives.Norm(vector);
            TensorPrimitives.Divide(vector, norm > 0 ? norm : 1f, vector);
            vectors[i] = vector;
        }
        return vectors;
    }

    public void Dispose() => _session.Dispose();
}
