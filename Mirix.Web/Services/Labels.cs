namespace Mirix.Web.Services;

/// <summary>What the browser calls each memory type.</summary>
public static class Labels
{
    public static string Of(string memoryType) => memoryType switch
    {
        "episodic" => "Events",
        "semantic" => "Facts",
        "procedural" => "How-tos",
        "resource" => "Resources",
        "knowledge_vault" => "Knowledge vault",
        "core" => "Core blocks",
        "raw" => "Raw notes",
        _ => memoryType,
    };
}
