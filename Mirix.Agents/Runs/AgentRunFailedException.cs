namespace Mirix.Agents.Runs;

/// <summary>An agent could not do its part (no tool call even when asked again): the operation fails visibly and is retried.</summary>
public sealed class AgentRunFailedException : Exception
{
    public AgentRunFailedException(string message) : base(message) { }
    public AgentRunFailedException(string message, Exception inner) : base(message, inner) { }
    public AgentRunFailedException() { }
}
