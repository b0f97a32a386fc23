using Mirix.Core.Domain;
using Mirix.Core.Tenancy;

namespace Mirix.Core.Agents;

/// <summary>The caller's meta memory agent: each client has at most one, and it is top-level.</summary>
public static class MetaAgents
{
    public static IQueryable<Agent> MetaAgentOf(this IQueryable<Agent> agents, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return agents.Where(a => a.OrganizationId == caller.OrganizationId && a.CreatedById == caller.ClientId
            && a.AgentType == AgentTypes.Meta && a.ParentId == null);
    }
}
