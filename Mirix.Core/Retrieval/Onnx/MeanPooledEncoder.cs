using System.Numerics.Tensors;
using BERTTokenizers.Base;
using Microsoft.ML.OnnxRuntime;

namespace Mirix.Core.Retrieval.Onnx;

/// <summary>
/// A BERT-style sentence model run on our own ONNX Runtime session: word pieces in, the token states averaged over the
/// attention mask and scaled to unit length out, as sentence-transformers pools all-MiniLM-L6-v2. Used for the int8 copy
/// of a model, whose graph the packaged encoder cannot be given.
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

    public float[][] Encode(string[] texts, CancellationToken cancellationToken) =>
        [.. texts.Select(text => Encode(text, cancellationToken))];

    private float[] Encode(string text, CancellationToken cancellationToken)
    {
        var (inputIds, tokenTypeIds, attentionMask) = _tokenizer.Encode([text])[0];
        long[] shape = [1, inputIds.Length];
        using var ids = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(attentionMask, shape);
        using var types = OrtValue.CreateTensorValueFromMemory(tokenTypeIds, shape);
        using var runOptions = new RunOptions();
        using var cancellation = cancellationToken.Register(() => runOptions.Terminate = true);
        using var outputs = _session.Run(runOptions, InputNames, [ids, mask, types], OutputNames);
        cancellationToken.ThrowIfCancellationRequested();
        var states = outputs[0].GetTensorDataAsSpan<float>();
        var vector = new float[states.Length / inputIds.Length];
        for (var t = 0; t < inputIds.Length; t++)
        {
            if (attentionMask[t] != 0)
            {
                TensorPrimitives.Add(vector, states.Slice(t * vector.Length, vector.Length), vector);
            }
        }
        var norm = TensorPrimitives.Norm(vector);
        TensorPrimitives.Divide(vector, norm > 0 ? norm : 1f, vector);
        return vector;
    }

    public void Dispose() => _session.Dispose();
}
