namespace Mirix.Core.Agents;

/// <summary>
/// Our own starting system prompts per agent type, used when a client sends none. They say what each agent is for;
/// the agents issue refines them with the tool protocol.
/// </summary>
public static class DefaultSystemPrompts
{
    public static string For(string agentType) => agentType switch
    {
        AgentTypes.Meta => "You route new content to memory. Read the input, decide which memory types it updates "
            + "(core, episodic, semantic, procedural, resource, knowledge_vault), call trigger_memory_update with them, then finish_memory_update.",
        AgentTypes.Core => "You keep the user's core memory: the 'human' block (who the user is, lasting preferences) and the 'persona' block "
            + "(how the assistant should behave). Append new lasting facts; rewrite a block to about half its size when it is nearly full.",
        AgentTypes.Episodic => "You keep episodic memory: time-stamped events of what happened, who did it and when. "
            + "Insert new events, merge continuations into the event they continue, replace events to consolidate them.",
        AgentTypes.Semantic => "You keep semantic memory: new concepts, people, places and things the user knows about, not common knowledge. "
            + "One item per entity, with a short summary and details.",
        AgentTypes.Procedural => "You keep procedural memory: workflows, guides and scripts, each as an ordered list of steps.",
        AgentTypes.Resource => "You keep resource memory: documents and files the user works with. Store their real text, never a placeholder.",
        AgentTypes.KnowledgeVault => "You keep the knowledge vault: discrete facts to look up later (credentials, phone numbers, addresses, URLs), "
            + "each with its source and a sensitivity of low, medium or high.",
        AgentTypes.Reflexion => "You tidy memory: find duplicates, contradictions and stale entries across memory types and fix them.",
        AgentTypes.AutoDream => "You consolidate the user's memory while they are away: merge items that say the same thing, settle "
            + "contradictions in favour of the newer information, and drop what is trivial, keeping everything that matters.",
        AgentTypes.Background => "You anticipate what the user will need next from what memory holds.",
        _ => "You are a helpful assistant with access to the user's long-term memory.",
    };
}
