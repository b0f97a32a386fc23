namespace Mirix.Contracts;

/// <summary>One turn of a conversation in plain text, the common case of MIRIX's message shapes.</summary>
public sealed record ChatTurn(string Role, string Text)
{
    public static ChatTurn User(string text) => new("user", text);

    public static ChatTurn Assistant(string text) => new("assistant", text);

    /// <summary>The turns as the <c>messages</c> of an add or a retrieval.</summary>
    public static JsonArray ToMessages(IEnumerable<ChatTurn> turns)
    {
        ArgumentNullException.ThrowIfNull(turns);
        return [.. turns.Select(t => (JsonNode)new JsonObject { ["role"] = t.Role, ["content"] = t.Text })];
    }
}
