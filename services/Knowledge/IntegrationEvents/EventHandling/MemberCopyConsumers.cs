using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Knowledge.Infrastructure;
using CircularPlatform.Knowledge.Infrastructure.Attachments;
using CircularPlatform.Knowledge.Model;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Knowledge.IntegrationEvents.EventHandling;

/// <summary>A member approved: the name that signs their articles.</summary>
public sealed class MemberJoinedConsumer(KnowledgeContext db) : IConsumer<MemberJoined>
{
    public async Task Consume(ConsumeContext<MemberJoined> context)
    {
        var author = await Authors.FindOrAddAsync(db, context.Message.MemberId, context.CancellationToken);
        author.Named(context.Message.DisplayName, context.Message.OrganisationId);
        await db.SaveChangesAsync(context.CancellationToken);
    }
}

/// <summary>A new name signs their articles from now on, the old ones included.</summary>
public sealed class MemberProfileChangedConsumer(KnowledgeContext db) : IConsumer<MemberProfileChanged>
{
    public async Task Consume(ConsumeContext<MemberProfileChanged> context)
    {
        var author = await Authors.FindOrAddAsync(db, context.Message.MemberId, context.CancellationToken);
        author.Named(context.Message.DisplayName, organisationId: null);
        await db.SaveChangesAsync(context.CancellationToken);
    }
}

/// <summary>
/// A member who left asking to be forgotten: their name goes, what they wrote for the club stays
/// unsigned (their revisions too), and a draft of theirs alone goes with them. A member who only
/// left keeps signing what they wrote.
/// </summary>
public sealed class MemberLeftConsumer(KnowledgeContext db, AttachmentStore files) : IConsumer<MemberLeft>
{
    public async Task Consume(ConsumeContext<MemberLeft> context)
    {
        if (!context.Message.Erased)
        {
            return;
        }
        var member = context.Message.MemberId;
        var cancellationToken = context.CancellationToken;
        var author = await Authors.FindOrAddAsync(db, member, cancellationToken);
        author.Forget();

        // Few articles per member: each is changed through the model, which knows who signs next.
        var theirs = await db.Articles
            .Where(a => a.AuthorId == member || a.ReviewedBy == member || a.CoAuthorIds.Contains(member))
            .ToListAsync(cancellationToken);
        var gone = new List<Guid>();
        foreach (var article in theirs)
        {
            if (article.Forget(member))
            {
                db.Articles.Remove(article);
                gone.Add(article.Id);
            }
        }
        await db.Revisions.Where(r => r.SavedBy == member)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.SavedBy, (Guid?)null), cancellationToken);
        await db.Attachments.Where(a => a.UploadedBy == member)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.UploadedBy, (Guid?)null), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // Once the rows are saved. Should the inbox's transaction still fail after this, the fact
        // is delivered again and removes those drafts again; their files are already gone.
        foreach (var article in gone)
        {
            files.DeleteArticle(article);
        }
    }
}

internal static class Authors
{
    /// <summary>
    /// The copy of this member, new if none: facts come on separate queues, so a profile change can
    /// arrive before the joining. Two first facts at once both insert; the second fails on the key,
    /// is retried, and then finds the row.
    /// </summary>
    public static async Task<ArticleAuthor> FindOrAddAsync(KnowledgeContext db, Guid memberId, CancellationToken cancellationToken)
    {
        if (await db.Authors.FindAsync([memberId], cancellationToken) is { } known)
        {
            return known;
        }
        var unknown = ArticleAuthor.Unknown(memberId);
        db.Authors.Add(unknown);
        return unknown;
    }
}
