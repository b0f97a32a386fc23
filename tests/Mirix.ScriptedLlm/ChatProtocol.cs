using System.Text.Json.Nodes;

namespace Mirix.ScriptedLlm;

/// <summary>How one wire protocol asks (tools, system prompt, first user turn, images) and how it answers.</summary>
internal abstract class ChatProtocol
{
    public static readonly ChatProtocol OpenAi = new OpenAiChatCompletions();
    public static readonly ChatProtocol Anthropic = new AnthropicMessages();

    public abstract RecordedCall Read(JsonObject body, DateTimeOffset at);

    public abstract JsonObject ToolCall(JsonObject request, string tool, JsonObject arguments, string id);

    public abstract JsonObject MalformedToolCall(JsonObject request, string tool, string id);

    public abstract JsonObject Text(JsonObject request, string text);

    public abstract JsonObject Error(string message, string type);

    protected static string TextOf(JsonNode? content) => content switch
    {
        JsonArray parts => string.Join("\n", parts.Select(p => (string?)p?["text"] ?? "")),
        JsonValue value => value.GetValue<string>(),
        _ => "",
    };

    protected static int Tokens(JsonNode? node) => (node?.ToJsonString().Length ?? 0) / 4;

    private sealed class OpenAiChatCompletions : ChatProtocol
    {
        public override RecordedCall Read(JsonObject body, DateTimeOffset at)
        {
            var tools = (body["tools"] as JsonArray ?? []).Select(t => t!["function"]!["name"]!.GetValue<string>()).ToList();
            var messages = body["messages"]!.AsArray();
            var system = messages.Where(m => (string?)m!["role"] == "system").Select(m => TextOf(m!["content"])).FirstOrDefault() ?? "";
            var users = messages.Where(m => (string?)m!["role"] == "user").ToList();
            var images = users.Where(m => m!["content"] is JsonArray).SelectMany(m => m!["content"]!.AsArray()).Count(p => (string?)p?["type"] == "image_url");
            var results = messages.Where(m => (string?)m!["role"] == "tool").Select(m => TextOf(m!["content"])).ToList();
            return new RecordedCall(tools, system, users.Select(m => TextOf(m!["content"])).FirstOrDefault() ?? "", messages.Count, at, images)
            {
                LastUser = users.Select(m => TextOf(m!["content"])).LastOrDefault() ?? "",
                ToolResults = results,
                Stream = (bool?)body["stream"] ?? false,
            };
        }

        public override JsonObject ToolCall(JsonObject request, string tool, JsonObject arguments, string id) =>
            Completion(request, CallMessage(tool, arguments.ToJsonString(), id), "tool_calls");

        public override JsonObject MalformedToolCall(JsonObject request, string tool, string id) =>
            Completion(request, CallMessage(tool, "{\"items\": [ {oops", id), "tool_calls");

        public override JsonObject Text(JsonObject request, string text) =>
            Completion(request, new JsonObject { ["role"] = "assistant", ["content"] = text }, "stop");

        public override JsonObject Error(string message, string type) => new() { ["error"] = new JsonObject { ["message"] = message, ["type"] = type } };

        private static JsonObject CallMessage(string tool, string arguments, string id) => new()
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = tool, ["arguments"] = arguments },
            }),
        };

        private static JsonObject Completion(JsonObject request, JsonObject message, string finishReason)
        {
            var prompt = Tokens(request["messages"]);
            var completion = Tokens(message);
            return new JsonObject
            {
                ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N"),
                ["object"] = "chat.completion",
                ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["model"] = request["model"]?.DeepClone(),
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion },
            };
        }
    }

    private sealed class AnthropicMessages : ChatProtocol
    {
        public override RecordedCall Read(JsonObject body, DateTimeOffset at)
        {
            var tools = (body["tools"] as JsonArray ?? []).Select(t => t!["name"]!.GetValue<string>()).ToList();
            var messages = body["messages"]!.AsArray();
            var users = messages.Where(m => (string?)m!["role"] == "user").ToList();
            var images = users.Where(m => m!["content"] is JsonArray).SelectMany(m => m!["content"]!.AsArray()).Count(p => (string?)p?["type"] == "image");
            // The system prompt comes first in the messages when the client sends it there, else in "system".
            return new RecordedCall(tools, TextOf(body["system"]), users.Select(m => TextOf(m!["content"])).FirstOrDefault() ?? "", messages.Count, at, images);
        }

        public override JsonObject ToolCall(JsonObject request, string tool, JsonObject arguments, string id) =>
            Message(request, new JsonObject { ["type"] = "tool_use", ["id"] = "toolu_" + id, ["name"] = tool, ["input"] = arguments }, "tool_use");

        // The Messages API carries arguments as a JSON object, so "malformed" means the wrong shape.
        public override JsonObject MalformedToolCall(JsonObject request, string tool, string id) =>
            Message(request, new JsonObject { ["type"] = "tool_use", ["id"] = "toolu_" + id, ["name"] = tool, ["input"] = new JsonObject { ["items"] = "oops" } }, "tool_use");

        public override JsonObject Text(JsonObject request, string text) =>
            Message(request, new JsonObject { ["type"] = "text", ["text"] = text }, "end_turn");

        public override JsonObject Error(string message, string type) =>
            new() { ["type"] = "error", ["error"] = new JsonObject { ["type"] = type, ["message"] = message } };

        private static JsonObject Message(JsonObject request, JsonObject content, string stopReason) => new()
        {
            ["id"] = "msg_" + Guid.NewGuid().ToString("N"),
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = request["model"]?.DeepClone(),
            ["content"] = new JsonArray(content),
            ["stop_reason"] = stopReason,
            ["stop_sequence"] = null,
            ["usage"] = new JsonObject { ["input_tokens"] = Tokens(request["messages"]) + Tokens(request["system"]), ["output_tokens"] = Tokens(content) },
        };
    }
}
