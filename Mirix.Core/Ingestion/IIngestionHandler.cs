using System.Text.Json.Nodes;
using Mirix.Core.Storage;

namespace Mirix.Core.Ingestion;

/// <summary>
/// Turns an envelope into memories. It adds its writes to <c>db</c> without saving and outside any transaction (so a slow
/// handler holds no lock): the processor commits them together with the operation's success, so a redelivered message
/// never writes twice. The agents plug in here.
/// </summary>
public interface IIngestionHandler
{
    /// <summary>Returns what was produced (ids), recorded as the operation's result.</summary>
    Task<JsonObject> HandleAsync(IngestionEnvelope envelope, MirixDbContext db, CancellationToken ct);
}
