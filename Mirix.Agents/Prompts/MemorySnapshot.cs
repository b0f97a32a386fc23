using Mirix.Core.Domain;

namespace Mirix.Agents.Prompts;

/// <summary>What an agent's prompt shows of memory: core blocks and, per type, a count and some items.</summary>
public sealed record MemorySnapshot(IReadOnlyList<Block> Blocks, IReadOnlyList<MemorySection> Sections);

/// <summary>One memory type's part of a prompt; <see cref="ShowIds"/> only for the agent that owns the type.</summary>
public sealed record MemorySection(string Type, int Total, IReadOnlyList<MemoryItem> Recent, IReadOnlyList<MemoryItem> Relevant, bool ShowIds);
