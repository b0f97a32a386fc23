using Mirix.Core.Retrieval.FullText;
using Mirix.IntegrationTests.Infrastructure;
using Npgsql;

namespace Mirix.IntegrationTests.Retrieval;

/// <summary>
/// On PostgreSQL each memory's <c>owner_vector</c> holds its lexemes prefixed with its owner, which a user's search
/// matches: the prefix the trigger writes is the one the search computes, it names one user only, the plain lexemes stay in
/// <c>search_vector</c> alone, and lexemes that need quoting survive the copy with their positions and weights.
/// </summary>
public sealed class OwnerLexemesTests(PostgresApiFactory api) : IClassFixture<PostgresApiFactory>
{
    [Fact]
    public async Task A_users_own_lexemes_find_its_memories_and_no_one_elses()
    {
        var org = await api.Tenants.CreateOrganizationAsync("owned");
        using var writer = await api.Tenants.CreateClientAsync(org, "app", "app");
        foreach (var (user, count) in new[] { ("u", 3), ("v", 2) })
        {
            await writer.Http.PostJsonAsync("/users/create_or_get", new { user_id = user });
            var items = Enumerable.Range(0, count).Select(i => new { name = $"{user} {i}", summary = $"a kiwi tart, number {i}", details = "none" }).ToArray();
            await writer.Http.PostJsonAsync("/memory/semantic", new { user_id = user, items });
        }

        await using var connection = new NpgsqlConnection(api.PostgresConnectionString);
        await connection.OpenAsync();
        foreach (var (user, expected) in new[] { ("u", 3L), ("v", 2L) })
        {
            await using var count = new NpgsqlCommand(
                "SELECT count(*) FILTER (WHERE user_id = @user), count(*) FROM semantic_memory WHERE organization_id = @org AND owner_vector @@ @query::tsquery",
                connection);
            count.Parameters.AddWithValue("org", writer.OrganizationId);
            count.Parameters.AddWithValue("user", user);
            count.Parameters.AddWithValue("query", $"'{FullTextTable.PostgresOwnerPrefix(writer.OrganizationId, user)}kiwi':{FullTextTable.ByMemoryType["semantic"].WeightOf("summary")}");
            await using var reader = await count.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(expected, reader.GetInt64(0));
            Assert.Equal(expected, reader.GetInt64(1));
        }
        await using var shapes = new NpgsqlCommand(
            """
            SELECT count(*) FILTER (WHERE search_vector::text LIKE '%~%'), count(*) FILTER (WHERE owner_vector::text NOT LIKE '%~kiwi%')
            FROM semantic_memory WHERE organization_id = @org
            """, connection);
        shapes.Parameters.AddWithValue("org", writer.OrganizationId);
        await using var shape = await shapes.ExecuteReaderAsync();
        Assert.True(await shape.ReadAsync());
        Assert.Equal(0L, shape.GetInt64(0));
        Assert.Equal(0L, shape.GetInt64(1));
    }

    [Fact]
    public async Task Lexemes_that_need_quoting_are_copied_with_their_positions_and_weights()
    {
        await using var connection = new NpgsqlConnection(api.PostgresConnectionString);
        await connection.OpenAsync();
        await using var copy = new NpgsqlCommand(
            """SELECT mirix_owned_lexemes($v$'a\\b' 'it''s':3A 'cat':2C,7A toy:4$v$::tsvector, 'p~')::text""", connection);
        Assert.Equal(
            """'p~a\\b' 'p~cat':2C,7A 'p~it''s':3A 'p~toy':4""",
            (string?)await copy.ExecuteScalarAsync());
    }
}
