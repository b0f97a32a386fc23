using Microsoft.SemanticKernel;
using Mirix.Client.AI;

namespace Mirix.Client.SemanticKernel;

/// <summary>A user's memory as a Semantic Kernel plugin.</summary>
public static class MirixMemoryPlugin
{
    /// <summary>
    /// The <c>remember</c> and <c>recall</c> functions of <paramref name="memory"/> as a plugin: add it to a kernel's
    /// plugins and let the model call it (automatic function choice).
    /// </summary>
    public static KernelPlugin AsKernelPlugin(this MirixMemory memory, string pluginName = "memory")
    {
        ArgumentNullException.ThrowIfNull(memory);
#pragma warning disable SKEXP0001 // AIFunction to KernelFunction is marked experimental in SK 1.x.
        return KernelPluginFactory.CreateFromFunctions(pluginName, "The user's long-term memory.", memory.AsAIFunctions().Select(f => f.AsKernelFunction()));
#pragma warning restore SKEXP0001
    }
}
