namespace Mirix.Contracts;

public sealed record RegisterRequest(string? Name, string? Email, string? Password);

public sealed record LoginRequest(string? Email, string? Password);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record CheckSetupResponse(bool SetupRequired, string Message);

public sealed record DashboardClientResponse(
    string Id, string Name, string? Email, string? WriteScope, IReadOnlyList<string> ReadScopes, string Status, string AdminUserId,
    DateTime CreatedAt, DateTime? LastLogin);

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, DashboardClientResponse Client);
