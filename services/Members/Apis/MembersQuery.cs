using CircularPlatform.Members.Model;
using CircularPlatform.ServiceDefaults.Http;

namespace CircularPlatform.Members.Apis;

/// <summary><c>GET /api/members?status&amp;q&amp;organisationId&amp;page&amp;pageSize</c>, for organisers.</summary>
public sealed record MembersQuery(string? Status, string? Q, Guid? OrganisationId, int? Page, int? PageSize)
{
    public const int MaxSearchLength = 100;

    public PageQuery Paging => new(Page, PageSize);

    public IQueryable<Member>? Apply(IQueryable<Member> members, ValidationErrors errors)
    {
        Paging.Validate(errors);
        if (!EnumFilter.TryParse<MemberStatus>(Status, out var status))
        {
            errors.Add("status", EnumFilter.Reason<MemberStatus>());
        }
        if (Q is { Length: > MaxSearchLength })
        {
            errors.Add("q", $"At most {MaxSearchLength} characters.");
        }
        if (errors.Any)
        {
            return null;
        }

        // Erased members are nobody any more: listed only when asked for.
        var query = status is { } wanted
            ? members.Where(m => m.Status == wanted)
            : members.Where(m => m.Status != MemberStatus.Erased);
        if (OrganisationId is { } organisation)
        {
            query = query.Where(m => m.OrganisationId == organisation);
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var text = Q.Trim().ToLowerInvariant();
            query = query.Where(m => m.DisplayName.ToLower().Contains(text) || (m.Email != null && m.Email.Contains(text)));
        }
        // The longest waiting first: approvals are handled in the order people signed up.
        return query.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id);
    }
}
