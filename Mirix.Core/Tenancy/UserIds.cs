namespace Mirix.Core.Tenancy;

/// <summary>
/// What a user id may be: it travels in paths (<c>/users/{id}</c>), logs and prompts, so it holds no control characters
/// and no path separators, and it is at most 128 characters.
/// </summary>
public static class UserIds
{
    public const int MaxLength = 128;

    /// <summary>Why <paramref name="id"/> cannot be a user id; null when it can.</summary>
    public static string? Problem(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.Length > MaxLength ? $"user_id is longer than {MaxLength} characters."
            : id.Any(c => char.IsControl(c) || c is '/' or '\\') ? "user_id must not contain control characters or path separators (/ and \\)."
            : id.Trim().Length != id.Length ? "user_id must not start or end with white space."
            : null;
    }
}
