using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mirix.ScriptedLlm;

/// <summary>
/// The deterministic "model": it routes content to memory types by keywords and answers each memory agent with one
/// insert built from the content, so tests know exactly what the agents will store.
/// </summary>
public static partial class ScriptedAnswers
{
    /// <summary>The memory types the content's words point to (none: nothing worth remembering).</summary>
    public static List<string> Route(string content)
    {
        var text = content.ToLowerInvariant();
        var types = new List<string>();
        if (text.Contains("i am ", StringComparison.Ordinal) || text.Contains("i'm ", StringComparison.Ordinal) || text.Contains("i prefer", StringComparison.Ordinal))
        {
            types.Add("core");
        }
        if (text.Contains("birthday", StringComparison.Ordinal) || text.Contains("yesterday", StringComparison.Ordinal) || text.Contains("today", StringComparison.Ordinal) || text.Contains("meeting", StringComparison.Ordinal))
        {
            types.Add("episodic");
        }
        if (text.Contains("sister", StringComparison.Ordinal) || text.Contains("birthday", StringComparison.Ordinal) || text.Contains(" is a ", StringComparison.Ordinal) || text.Contains("project", StringComparison.Ordinal))
        {
            types.Add("semantic");
        }
        if (text.Contains("steps", StringComparison.Ordinal) || text.Contains(" then ", StringComparison.Ordinal))
        {
            types.Add("procedural");
        }
        if (text.Contains("document", StringComparison.Ordinal) || text.Contains("http", StringComparison.Ordinal))
        {
            types.Add("resource");
        }
        if (Digits().IsMatch(text) || text.Contains("password", StringComparison.Ordinal))
        {
            types.Add("knowledge_vault");
        }
        return types;
    }

    public static string Topics(string content) =>
        string.Join(";", Capitalized().Matches(content).Select(m => m.Value).Where(w => w is not ("I" or "USER" or "ASSISTANT" or "My")).Distinct().Take(5));

    /// <summary>The tool call a memory agent gets: its insert tool with one item from the content.</summary>
    public static (string Tool, JsonObject Arguments)? ForAgent(IReadOnlyCollection<string> tools, string content)
    {
        var sentence = content.Trim();
        var firstName = Capitalized().Matches(content).Select(m => m.Value).FirstOrDefault(w => w is not ("I" or "USER" or "ASSISTANT" or "My")) ?? "Something";
        var summary = sentence.Length <= 80 ? sentence : sentence[..80];
        JsonObject Items(JsonObject item) => new() { ["items"] = new JsonArray(item) };
        if (tools.Contains("core_memory_append"))
        {
            return ("core_memory_append", new JsonObject { ["label"] = "human", ["content"] = sentence });
        }
        if (tools.Contains("episodic_memory_insert"))
        {
            return ("episodic_memory_insert", Items(new JsonObject
            {
                ["event_type"] = "activity", ["summary"] = summary, ["details"] = sentence, ["actor"] = "user", ["occurred_at"] = "2026-05-03 10:00:00",
            }));
        }
        if (tools.Contains("semantic_memory_insert"))
        {
            return ("semantic_memory_insert", Items(new JsonObject { ["name"] = firstName, ["summary"] = summary, ["details"] = sentence, ["source"] = "conversation" }));
        }
        if (tools.Contains("procedural_memory_insert"))
        {
            var steps = new JsonArray([.. sentence.Split(" then ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => (JsonNode)s)]);
            return ("procedural_memory_insert", Items(new JsonObject { ["entry_type"] = "workflow", ["summary"] = summary, ["steps"] = steps }));
        }
        if (tools.Contains("resource_memory_insert"))
        {
            return ("resource_memory_insert", Items(new JsonObject { ["title"] = firstName, ["summary"] = summary, ["resource_type"] = "doc", ["content"] = sentence }));
        }
        if (tools.Contains("knowledge_vault_insert"))
        {
            var value = Digits().Match(sentence) is { Success: true } m ? m.Value : sentence;
            return ("knowledge_vault_insert", Items(new JsonObject
            {
                ["entry_type"] = "number", ["source"] = "conversation", ["sensitivity"] = "medium", ["secret_value"] = value, ["caption"] = "Number from: " + summary,
            }));
        }
        return null;
    }

    public const string TopicTool = "update_topic_and_time";

    /// <summary>Retrieval's topic extraction: the capitalised words as topics, and the first time phrase it knows.</summary>
    public static JsonObject TopicAndTime(string conversation)
    {
        var time = TimePhrase().Match(conversation);
        return new JsonObject { ["topic"] = Topics(conversation), ["temporal_expression"] = time.Success ? time.Value : "" };
    }

    /// <summary>The text between &lt;content&gt; (or &lt;conversation&gt;) tags of the agent's user turn, without MIRIX's role markers.</summary>
    public static string Content(string userTurn)
    {
        var tag = userTurn.Contains("<conversation>", StringComparison.Ordinal) ? "conversation" : "content";
        var start = userTurn.IndexOf($"<{tag}>", StringComparison.Ordinal);
        var end = userTurn.IndexOf($"</{tag}>", StringComparison.Ordinal);
        var text = start >= 0 && end > start ? userTurn[(start + tag.Length + 2)..end] : userTurn;
        return text.Replace("[USER] ", "", StringComparison.Ordinal).Replace("[ASSISTANT] ", "", StringComparison.Ordinal).Trim();
    }

    [GeneratedRegex(@"\b(yesterday|today|last week|last month|last \d+ days)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TimePhrase();

    [GeneratedRegex(@"\d[\d\- ]{5,}\d")]
    private static partial Regex Digits();

    [GeneratedRegex(@"\b[A-Z][a-z]+\b")]
    private static partial Regex Capitalized();
}
