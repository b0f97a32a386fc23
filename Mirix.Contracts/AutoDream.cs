namespace Mirix.Contracts;

/// <summary>MIRIX's <c>AutoDreamRequest</c>.</summary>
public sealed record AutoDreamRequest(string? StartDate, string? EndDate, string? Mode, bool? DryRun, string? Model);

/// <summary>MIRIX's counts per component.</summary>
public sealed record DreamCounts(int Total, int Removed, int Merged, int ConflictsResolved);

/// <summary>MIRIX's <c>AutoDreamResponse</c>, plus the queued operation of a real run (its result carries the final counts).</summary>
public sealed record AutoDreamResponse(
    DateTime StartDate, DateTime EndDate, IReadOnlyDictionary<string, DreamCounts> Processed, DateTime? LastDreamAt, bool DryRun, string Message,
    string? OperationId, string? Status);
