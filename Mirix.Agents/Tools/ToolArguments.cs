using System.ComponentModel;

namespace Mirix.Agents.Tools;

// The LLM-visible parameters of MIRIX's memory tools, as C# records: their JSON schemas are generated from these
// (snake_case), and an item's allowed fields are exactly its record's properties. Hidden inputs (user, scope, time zone,
// the request's occurred_at) are never parameters: the run injects them.

public sealed record EpisodicInput(
    [property: Description("Kind of event, e.g. user_message, activity, meeting, plan.")] string EventType,
    [property: Description("One-line summary of what happened.")] string Summary,
    [property: Description("What happened, with the specifics worth remembering.")] string Details,
    [property: Description("Who did it: user, assistant, or a person's name.")] string Actor,
    [property: Description("When it happened, 'YYYY-MM-DD HH:MM:SS' in the user's time zone.")] string OccurredAt);

public sealed record SemanticInput(
    [property: Description("The concept, person, place or thing.")] string Name,
    [property: Description("One-line description.")] string Summary,
    [property: Description("Everything worth knowing about it.")] string Details,
    [property: Description("Where the knowledge came from, e.g. conversation.")] string Source);

public sealed record ProceduralInput(
    [property: Description("workflow, guide or script.")] string EntryType,
    [property: Description("What the procedure achieves.")] string Summary,
    [property: Description("The steps, in order.")] IReadOnlyList<string> Steps);

public sealed record ResourceInput(
    [property: Description("Title of the document or file.")] string Title,
    [property: Description("What it is about.")] string Summary,
    [property: Description("doc, code, spreadsheet, link, image, ...")] string ResourceType,
    [property: Description("Its real text, never a placeholder.")] string Content);

public sealed record KnowledgeVaultInput(
    [property: Description("credential, phone_number, address, url, account, ...")] string EntryType,
    [property: Description("Where it came from.")] string Source,
    [property: Description("low, medium or high (high: passwords, keys, financial or identity numbers).")] string Sensitivity,
    [property: Description("The value itself.")] string SecretValue,
    [property: Description("What the value is, without revealing it.")] string Caption);

public sealed record InsertArgs<T>([property: Description("The new items.")] IReadOnlyList<T> Items);

public sealed record EpisodicMergeArgs(
    [property: Description("The id of the event this continues.")] string EventId,
    [property: Description("The event's new summary, covering old and new.")] string? CombinedSummary,
    [property: Description("The event's new details, covering old and new.")] string? CombinedDetails);

public sealed record EpisodicReplaceArgs(
    [property: Description("Ids of the events to replace.")] IReadOnlyList<string> EventIds,
    [property: Description("The events that take their place (empty to retire them).")] IReadOnlyList<EpisodicInput> NewItems);

public sealed record CheckEpisodicArgs([property: Description("Ids of events to read in full.")] IReadOnlyList<string> EventIds);

public sealed record SemanticUpdateArgs(
    [property: Description("Ids of the items to replace.")] IReadOnlyList<string> OldSemanticItemIds,
    [property: Description("The items that take their place.")] IReadOnlyList<SemanticInput> NewItems);

public sealed record CheckSemanticArgs([property: Description("Ids of items to read in full.")] IReadOnlyList<string> SemanticItemIds);

public sealed record UpdateArgs<T>(
    [property: Description("Ids of the items to replace.")] IReadOnlyList<string> OldIds,
    [property: Description("The items that take their place.")] IReadOnlyList<T> NewItems);

public sealed record CoreMemoryArgs(
    [property: Description("The block: human or persona.")] string Label,
    [property: Description("The text to add, or the block's whole new text.")] string Content);

public sealed record SearchInMemoryArgs(
    [property: Description("episodic, semantic, procedural, resource, knowledge_vault, core or all.")] string MemoryType,
    [property: Description("What to look for.")] string Query,
    [property: Description("Field to search; empty for the type's default.")] string? SearchField,
    [property: Description("bm25, embedding or hybrid (default).")] string? SearchMethod);

public sealed record ListTimeRangeArgs(
    [property: Description("episodic (the only timed memory type).")] string MemoryType,
    [property: Description("From, 'YYYY-MM-DD HH:MM:SS' in the user's time zone.")] string StartTime,
    [property: Description("To, 'YYYY-MM-DD HH:MM:SS' in the user's time zone.")] string EndTime);

public sealed record TriggerMemoryUpdateArgs(
    [property: Description("The memory types to update: core, episodic, semantic, procedural, resource, knowledge_vault.")] IReadOnlyList<string> MemoryTypes,
    [property: Description("The content's topics, separated by ';'.")] string? Topics);

public sealed record NoArgs;

public sealed record TopicAndTimeArgs(
    [property: Description("What the conversation is about, as a few search keywords or short phrases separated by ';' (names, places, things, activities).")] string Topic,
    [property: Description("The time the user asks about, in their words (\"yesterday\", \"last week\", \"in March\"); empty when they name no time.")] string? TemporalExpression);
