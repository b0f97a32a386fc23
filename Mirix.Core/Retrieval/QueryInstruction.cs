namespace Mirix.Core.Retrieval;

/// <summary>
/// Text an embedding model wants before a search query (asymmetric retrieval models are trained that way); offered by a
/// generator through <c>GetService</c>, and absent for symmetric models.
/// </summary>
public sealed record QueryInstruction(string Prefix);
