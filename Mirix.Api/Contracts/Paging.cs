namespace Mirix.Api.Contracts;

/// <summary>Keyset paging as MIRIX lists do it: <c>cursor</c> is the last id of the previous page, <c>limit</c> caps the page.</summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;

    public static int Clamp(int? limit) => Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
}
