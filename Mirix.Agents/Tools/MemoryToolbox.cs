using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Mirix.Agents.Runs;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;

namespace Mirix.Agents.Tools;

/// <summary>
/// Runs the memory tools of a run. Writes are staged, never saved (they commit with the operation); rows are read and
/// changed only within the writer's user and scope, and reads stay within the writing client's read scopes. A call the
/// model got wrong (unknown ids, empty fields, a full block) comes back as a failure it can correct; nothing of it is kept.
/// </summary>
public static partial class MemoryToolbox
{
    public const int BlockLimitWarning = 90;

    public static Task<ToolResult> ExecuteAsync(AgentTool tool, JsonObject args, AgentRunContext run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(run);
        return tool.Name switch
        {
            "episodic_memory_insert" => InsertAsync<EpisodicInput>(MemoryKinds.Episodic, args["items"], run, ct),
            "semantic_memory_insert" => InsertAsync<SemanticInput>(MemoryKinds.Semantic, args["items"], run, ct),
            "procedural_memory_insert" => InsertAsync<ProceduralInput>(MemoryKinds.Procedural, args["items"], run, ct),
            "resource_memory_insert" => InsertAsync<ResourceInput>(MemoryKinds.Resource, args["items"], run, ct),
            "knowledge_vault_insert" => InsertAsync<KnowledgeVaultInput>(MemoryKinds.KnowledgeVault, args["items"], run, ct),
            "episodic_memory_replace" => ReplaceAsync<EpisodicInput>(MemoryKinds.Episodic, args["event_ids"], args["new_items"], run, ct),
            "semantic_memory_update" => ReplaceAsync<SemanticInput>(MemoryKinds.Semantic, args["old_semantic_item_ids"], args["new_items"], run, ct),
            "procedural_memory_update" => ReplaceAsync<ProceduralInput>(MemoryKinds.Procedural, args["old_ids"], args["new_items"], run, ct),
            "resource_memory_update" => ReplaceAsync<ResourceInput>(MemoryKinds.Resource, args["old_ids"], args["new_items"], run, ct),
            "knowledge_vault_update" => ReplaceAsync<KnowledgeVaultInput>(MemoryKinds.KnowledgeVault, args["old_ids"], args["new_items"], run, ct),
            "episodic_memory_merge" => MergeAsync(args, run, ct),
            "check_episodic_memory" => CheckAsync(MemoryKinds.Episodic, args["event_ids"], run, ct),
            "check_semantic_memory" => CheckAsync(MemoryKinds.Semantic, args["semantic_item_ids"], run, ct),
            "core_memory_append" => CoreAsync(args, append: true, run, ct),
            "core_memory_rewrite" => CoreAsync(args, append: false, run, ct),
            ToolCatalog.SearchInMemory => SearchAsync(args, run, ct),
            ToolCatalog.ListMemoryWithinTimerange => ListTimeRangeAsync(args, run, ct),
            _ => Task.FromResult(ToolResult.Failed($"{tool.Name} is not a tool of this agent.")),
        };
    }

    /// <summary>Stores new items, except those already stored in other words; asks the model to look at ones close to a stored item.</summary>
    private static async Task<ToolResult> InsertAsync<TItem>(MemoryKind kind, JsonNode? items, AgentRunContext run, CancellationToken ct)
    {
        var (candidates, error) = Read<TItem>(kind, items, "items", allowEmpty: false, run);
        if (error is not null)
        {
            return ToolResult.Failed(error);
        }
        return await run.WithDatabaseAsync(async (db, stager, search) =>
        {
            var fresh = new List<MemoryItem>();
            var known = new List<string>();
            var close = new List<(MemoryItem Item, DuplicateJudge.Judgement Judgement)>();
            foreach (var candidate in candidates)
            {
                var judgement = DuplicateJudge.Judge(kind, candidate, await NeighboursAsync(kind, candidate, run, search, ct));
                if (judgement.Verdict == DuplicateVerdict.Duplicate)
                {
                    known.Add(judgement.Match!.Id);
                    continue;
                }
                fresh.Add(candidate);
                if (judgement.Verdict == DuplicateVerdict.Ambiguous)
                {
                    close.Add((candidate, judgement));
                }
            }
            var staged = await stager.StageAsync(kind, fresh, ct);
            run.RecordWrite(kind.Name, staged.Inserted.Select(i => i.Id));
            var message = Describe(kind, staged.Inserted, [.. known, .. staged.SkippedDuplicateIds]);
            var review = close.Where(c => staged.Inserted.Contains(c.Item)).ToList();
            if (review.Count == 0)
            {
                return ToolResult.Success(message);
            }
            var pairs = review.Select(c => $"{c.Item.Id} resembles stored {c.Judgement.Match!.Id} (\"{Prompts.MemoryLines.Line(c.Judgement.Match, run.UserZone)}\""
                + (c.Judgement.Similarity is { } s ? $", similarity {s:F2})" : ")"));
            return new ToolResult(true, message + " " + string.Join("; ", pairs)
                + ". If a pair is one thing, combine them with your update tool (both ids as the old ones); if they differ, call finish_memory_update.", NeedsReview: true);
        }, ct);
    }

    /// <summary>The writer's stored items of the kind most like <paramref name="candidate"/>: by embedding, or by text when there are no vectors.</summary>
    private static async Task<List<(MemoryItem Item, double? Similarity)>> NeighboursAsync(
        MemoryKind kind, MemoryItem candidate, AgentRunContext run, MemorySearch search, CancellationToken ct)
    {
        var field = kind.DefaultField("embedding", all: true);
        var request = new MemorySearch.Request(run.Writer.OrganizationId, run.Writer.UserId, [run.Writer.Scope], kind.Name, field, "embedding",
            kind.Text(candidate, field), 5, FilterTagsFilter.Empty);
        var hits = await search.SearchAsync(request, ct);
        if (hits.Count > 0)
        {
            return hits.ConvertAll(h => (h.Item, h.Score));
        }
        hits = await search.SearchAsync(request with { Method = "bm25" }, ct);
        return hits.ConvertAll(h => (h.Item, (double?)null));
    }

    /// <summary>
    /// MIRIX's update and replace, without its hard delete: the new rows are staged and the old ones are kept as superseded
    /// by them (retired when no new row comes), so their history stays readable.
    /// </summary>
    private static async Task<ToolResult> ReplaceAsync<TItem>(MemoryKind kind, JsonNode? oldIds, JsonNode? newItems, AgentRunContext run, CancellationToken ct)
    {
        var ids = Ids(oldIds);
        if (ids is null)
        {
            return ToolResult.Failed("The ids of the items to replace must be a list of strings.");
        }
        var (candidates, error) = Read<TItem>(kind, newItems, "new_items", allowEmpty: true, run);
        if (error is not null)
        {
            return ToolResult.Failed(error);
        }
        return await run.WithDatabaseAsync(async (db, stager, _) =>
        {
            var old = new List<MemoryItem>();
            foreach (var id in ids)
            {
                var item = await ChangeableAsync(kind, db, id, run, ct);
                if (item is null)
                {
                    return ToolResult.Failed($"No {kind.Name} memory with id {id} can be changed; use the ids shown in your memory. Nothing was changed.");
                }
                old.Add(item);
            }
            var staged = await stager.StageAsync(kind, candidates, ct);
            // A new item identical to an old one keeps the old row as it is.
            var kept = staged.SkippedDuplicateIds.ToHashSet(StringComparer.Ordinal);
            var replaced = old.Where(o => !kept.Contains(o.Id)).ToList();
            stager.StageSupersede(replaced, staged.Inserted.Count > 0 ? staged.Inserted[0].Id : null, run.Writer.ClientId);
            if (replaced.Count > 0)
            {
                var tags = ScopedFilterTags.Inherited(replaced.Select(r => r.FilterTags), run.Tags, run.Writer.Scope);
                foreach (var item in staged.Inserted)
                {
                    item.FilterTags = tags;
                }
            }
            run.RecordWrite(kind.Name, staged.Inserted.Select(i => i.Id));
            run.RecordReplacement(kind.Name, replaced.Count, staged.Inserted.Count);
            return ToolResult.Success($"Replaced {replaced.Count} {kind.Name} item(s) (kept as history) with {staged.Inserted.Count} new: {string.Join(", ", staged.Inserted.Select(i => i.Id))}.");
        }, ct);
    }

    /// <summary>Folds new information into an event: a new row with the combined text takes the old one's place.</summary>
    private static Task<ToolResult> MergeAsync(JsonObject args, AgentRunContext run, CancellationToken ct)
    {
        var id = Text(args["event_id"]);
        var summary = Text(args["combined_summary"]);
        var details = Text(args["combined_details"]);
        if (id is null || (string.IsNullOrWhiteSpace(summary) && string.IsNullOrWhiteSpace(details)))
        {
            return Task.FromResult(ToolResult.Failed("Give event_id and a non-empty combined_summary or combined_details."));
        }
        return run.WithDatabaseAsync(async (db, stager, _) =>
        {
            if (await ChangeableAsync(MemoryKinds.Episodic, db, id, run, ct) is not EpisodicEvent old)
            {
                return ToolResult.Failed($"No event with id {id} can be changed; use an Event ID shown in your memory.");
            }
            var merged = new EpisodicEvent
            {
                Id = IdGenerator.Memory(EpisodicEvent.IdPrefix),
                OrganizationId = old.OrganizationId,
                UserId = old.UserId,
                OccurredAt = old.OccurredAt,
                Actor = old.Actor,
                EventType = old.EventType,
                Summary = string.IsNullOrWhiteSpace(summary) ? old.Summary : summary,
                Details = string.IsNullOrWhiteSpace(details) ? old.Details : details,
            };
            run.Stamp(merged);
            merged.FilterTags = old.FilterTags;
            merged.SourceMessageIds = [.. old.SourceMessageIds.Union(merged.SourceMessageIds, StringComparer.Ordinal)];
            merged.LastModifyOperation = "merged";
            var staged = await stager.StageAsync(MemoryKinds.Episodic, [merged], ct);
            var successor = staged.Inserted.Count > 0 ? merged.Id : staged.SkippedDuplicateIds[0];
            stager.StageSupersede([old], successor, run.Writer.ClientId);
            run.RecordWrite(MemoryKinds.Episodic.Name, staged.Inserted.Select(i => i.Id));
            return ToolResult.Success($"Event {old.Id} is now {successor}: {merged.Summary}");
        }, ct);
    }

    /// <summary>A current row the writer may change: its user, its write scope, not already superseded.</summary>
    private static async Task<MemoryItem?> ChangeableAsync(MemoryKind kind, MirixDbContext db, string id, AgentRunContext run, CancellationToken ct)
    {
        var item = await kind.FindAsync(db, run.Writer.OrganizationId, id, ct);
        return item is not null && item.UserId == run.Writer.UserId && item.Scope == run.Writer.Scope && item.SupersededAt is null ? item : null;
    }

    private static Task<ToolResult> CheckAsync(MemoryKind kind, JsonNode? idsNode, AgentRunContext run, CancellationToken ct)
    {
        var ids = Ids(idsNode);
        if (ids is null || ids.Count == 0)
        {
            return Task.FromResult(ToolResult.Failed("Give a non-empty list of ids."));
        }
        return run.WithDatabaseAsync(async (db, _, _) =>
        {
            var found = new JsonArray();
            foreach (var id in ids)
            {
                var item = await kind.FindAsync(db, run.Writer.OrganizationId, id, ct);
                if (item is not null && item.UserId == run.Writer.UserId && item.Scope is { } scope && run.ReadScopes.Contains(scope))
                {
                    found.Add(Prompts.MemoryLines.Detail(item));
                }
            }
            return found.Count == 0 ? ToolResult.Failed("None of these ids is a memory you can see.") : ToolResult.Success(found.ToJsonString());
        }, ct);
    }

    private static Task<ToolResult> CoreAsync(JsonObject args, bool append, AgentRunContext run, CancellationToken ct)
    {
        var label = Text(args["label"])?.Trim();
        var content = Text(args["content"]);
        if (string.IsNullOrEmpty(label) || content is null)
        {
            return Task.FromResult(ToolResult.Failed("Give label (human or persona) and content."));
        }
        if (append && LineNumber().IsMatch(content))
        {
            return Task.FromResult(ToolResult.Failed("Give the text itself, without 'Line n:' numbers."));
        }
        return run.WithDatabaseAsync(async (db, _, _) =>
        {
            var block = await CoreBlocks.FindOrCreateAsync(db, run, label, ct);
            if (block is null)
            {
                return ToolResult.Failed($"There is no core memory block '{label}'; the blocks are human and persona.");
            }
            var value = append ? (block.Value + "\n" + content).Trim() : content.Trim();
            if (value.Length > block.Limit)
            {
                return ToolResult.Failed(append
                    ? $"Cannot append: block '{label}' would hold {value.Length}/{block.Limit} characters. Call core_memory_rewrite with the block condensed to about {block.Limit / 2} characters, the new information included."
                    : $"The new text has {value.Length} characters; block '{label}' holds at most {block.Limit}. Condense it to about {block.Limit / 2}.");
            }
            if (value == block.Value)
            {
                return ToolResult.Success($"Block '{label}' already says this; nothing changed.");
            }
            block.Value = value;
            block.LastUpdatedById = run.Writer.ClientId;
            run.RecordWrite("core", [block.Id]);
            if (!append)
            {
                run.RecordReplacement("core", 1, 1);
            }
            var percent = (int)Math.Round(100.0 * value.Length / block.Limit);
            var warning = percent >= BlockLimitWarning ? " Nearly full: rewrite it to about half next time." : "";
            return ToolResult.Success($"Block '{label}': {value.Length}/{block.Limit} characters ({percent}% full).{warning}");
        }, ct);
    }

    private static Task<ToolResult> SearchAsync(JsonObject args, AgentRunContext run, CancellationToken ct)
    {
        var type = Text(args["memory_type"]) ?? "all";
        var query = Text(args["query"]) ?? "";
        var method = Text(args["search_method"]) is { Length: > 0 } m ? m : "hybrid";
        var field = Text(args["search_field"]) is { Length: > 0 } f ? f : null;
        var types = type == "all" ? MemoryKinds.ByName.Keys.ToList() : [type];
        if (type != "core" && types.Any(t => !MemoryKinds.ByName.ContainsKey(t)))
        {
            return Task.FromResult(ToolResult.Failed($"memory_type must be one of {string.Join(", ", ToolCatalog.MemoryTypes)} or all."));
        }
        if (!MemorySearch.Methods.Contains(method))
        {
            return Task.FromResult(ToolResult.Failed("search_method must be bm25, embedding or hybrid."));
        }
        return run.WithDatabaseAsync(async (db, _, search) =>
        {
            var lines = new List<string>();
            if (type == "core")
            {
                foreach (var block in await CoreBlocks.VisibleAsync(db, run, ct))
                {
                    lines.Add($"{block.Label}: {block.Value}");
                }
                return ToolResult.Success(lines.Count == 0 ? "No core memory yet." : string.Join("\n", lines));
            }
            foreach (var t in types)
            {
                var searchField = field is not null && MemoryKinds.All[t].Searchable.Contains(field) ? field : MemoryKinds.All[t].DefaultField(method, all: true);
                if (t == "knowledge_vault" && searchField == "secret_value")
                {
                    searchField = "caption"; // secrets are never searched by value
                }
                var hits = await search.SearchAsync(new MemorySearch.Request(
                    run.Writer.OrganizationId, run.Writer.UserId, run.ReadScopes, t, searchField, method, query, 10, FilterTagsFilter.Empty), ct);
                lines.AddRange(hits.Select(h => $"[{t} {h.Item.Id}] {Prompts.MemoryLines.Line(h.Item, run.UserZone)}"));
            }
            return ToolResult.Success(lines.Count == 0 ? "No results found." : string.Join("\n", lines));
        }, ct);
    }

    /// <summary>MIRIX's listing of events in a period (user's time zone): at most 50, else a request to narrow it.</summary>
    private static Task<ToolResult> ListTimeRangeAsync(JsonObject args, AgentRunContext run, CancellationToken ct)
    {
        const int Most = 50;
        if (Text(args["memory_type"]) is { } type && type != MemoryKinds.Episodic.Name)
        {
            return Task.FromResult(ToolResult.Failed("Only episodic memory is listed by time."));
        }
        if (!TimeParsing.TryParseUtc(Text(args["start_time"]) ?? "", run.UserZone, out var start)
            || !TimeParsing.TryParseUtc(Text(args["end_time"]) ?? "", run.UserZone, out var end) || end < start)
        {
            return Task.FromResult(ToolResult.Failed("Give start_time and end_time as 'YYYY-MM-DD HH:MM:SS', the start first."));
        }
        return run.WithDatabaseAsync(async (_, _, search) =>
        {
            var hits = await search.SearchAsync(new MemorySearch.Request(run.Writer.OrganizationId, run.Writer.UserId, run.ReadScopes,
                MemoryKinds.Episodic.Name, "details", "bm25", "", Most + 1, FilterTagsFilter.Empty, Start: start, End: end), ct);
            return hits.Count switch
            {
                0 => ToolResult.Success("No results found."),
                > Most => ToolResult.Success("Too many results found. Please narrow down your search."),
                _ => ToolResult.Success(string.Join("\n", hits.Select(h => $"[episodic {h.Item.Id}] {Prompts.MemoryLines.Line(h.Item, run.UserZone)}"))),
            };
        }, ct);
    }

    /// <summary>Reads the model's items into rows: only the item's own fields count, every error is reported at once.</summary>
    private static (List<MemoryItem> Items, string? Error) Read<TItem>(MemoryKind kind, JsonNode? node, string name, bool allowEmpty, AgentRunContext run)
    {
        if (node is not JsonArray array || (array.Count == 0 && !allowEmpty))
        {
            return ([], $"{name} must be a non-empty list of {kind.Name} items. Nothing was stored.");
        }
        var fields = AgentTool.ItemFields<TItem>();
        var items = new List<MemoryItem>();
        var errors = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject given)
            {
                errors.Add($"{name}[{i}] must be an object.");
                continue;
            }
            var clean = new JsonObject();
            foreach (var (key, value) in given.Where(p => fields.Contains(p.Key) && p.Value is not null))
            {
                clean[key] = value!.DeepClone();
            }
            var reader = new ItemReader(clean, $"{name}[{i}]");
            var item = kind.Create(reader, run.UserZone);
            errors.AddRange(reader.Errors);
            if (item is null)
            {
                continue;
            }
            if (item is EpisodicEvent episodic && run.Envelope?.OccurredAt is { } occurred)
            {
                episodic.OccurredAt = occurred; // the request's occurred_at holds for every event it yields (MIRIX)
            }
            run.Stamp(item);
            items.Add(item);
        }
        return errors.Count > 0 ? ([], "Validation error: " + string.Join(" ", errors) + " Nothing was stored; correct the items and call again.") : (items, null);
    }

    private static string Describe(MemoryKind kind, IReadOnlyList<MemoryItem> inserted, IReadOnlyList<string> skipped)
    {
        var text = $"Inserted {inserted.Count} {kind.Name} item(s){(inserted.Count > 0 ? ": " + string.Join(", ", inserted.Select(i => i.Id)) : "")}.";
        return skipped.Count == 0
            ? text
            : text + $" Skipped {skipped.Count} already stored ({string.Join(", ", skipped.Take(3))}{(skipped.Count > 3 ? ", …" : "")}).";
    }

    private static List<string>? Ids(JsonNode? node) =>
        node is JsonArray array && array.All(n => n?.GetValueKind() == System.Text.Json.JsonValueKind.String)
            ? array.Select(n => n!.GetValue<string>()).ToList()
            : null;

    private static string? Text(JsonNode? node) =>
        node?.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => node.GetValue<string>(),
            System.Text.Json.JsonValueKind.Number => node.ToJsonString(),
            _ => null,
        };

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*Line \d+:")]
    private static partial System.Text.RegularExpressions.Regex LineNumber();
}
