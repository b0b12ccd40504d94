using Kalm.Desk.Domain;
using Kalm.Desk.Tests.Infrastructure;
using Kalm.Shield;
using Microsoft.EntityFrameworkCore;

namespace Kalm.Desk.Tests.Host;

/// <summary>A first start seeds a demo organisation that shows the product working, analysed by the real Shield.</summary>
public sealed class DemoOrganisationTests(DemoDesk desk) : IClassFixture<DemoDesk>
{
    [Fact]
    public async Task Demo_organisation_has_teams_accounts_and_about_forty_analysed_conversations()
    {
        var (teams, conversations, channels, severities) = await desk.WithDatabaseAsync(async db => (
            await db.Teams.CountAsync(),
            await db.Conversations.CountAsync(),
            await db.Conversations.Select(c => c.Channel).Distinct().CountAsync(),
            await db.Messages.Where(m => m.Direction == MessageDirection.Inbound).Select(m => m.Severity).Distinct().ToListAsync()));

        Assert.Equal(2, teams);
        Assert.InRange(conversations, 35, 50);
        Assert.True(channels >= 4, $"the demo covers the channels, found {channels}");
        Assert.Contains(Severity.None, severities);
        Assert.Contains(Severity.Abusive, severities);
        Assert.Contains(Severity.Threat, severities);
    }

    [Fact]
    public async Task Demo_accounts_sign_in_with_the_configured_password_in_every_role()
    {
        var accounts = await desk.WithDatabaseAsync(db => db.Users.Select(u => u.Email!).ToListAsync());
        var roles = await desk.WithDatabaseAsync(db => db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).Distinct().ToListAsync());

        Assert.Equal(Roles.All.Order(), roles.Order());
        foreach (var email in accounts.Where(e => e != DeskFactory.AdminEmail).Take(3))
        {
            Assert.False(string.IsNullOrEmpty(await desk.SignInAsync(email)));
        }
    }
}
