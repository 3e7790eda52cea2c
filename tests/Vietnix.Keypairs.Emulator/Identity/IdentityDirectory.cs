namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>
/// Keystone's data as the reference stack seeds it: domain <c>Default</c>; projects <c>admin</c> and
/// <c>demo</c>; roles <c>admin</c>, <c>member</c>, <c>reader</c>; user <c>admin</c> (admin, member, reader on
/// project admin, and member, reader on project demo so an admin can rescope) and user <c>demo</c> (member,
/// reader on project demo); and demo's application credential <c>emulator-demo</c> for project demo.
/// Ids are new on every start, as on a fresh Keystone. No user has a default project, so a request
/// without a scope gets an unscoped token (<c>_check_and_set_default_scoping</c>).
/// </summary>
internal sealed class IdentityDirectory
{
    private readonly Dictionary<(string UserId, string ProjectId), IReadOnlyList<KeystoneRole>> assignments = [];

    public IdentityDirectory()
    {
        var domain = KeystoneDomain.Default;
        var admin = new KeystoneRole(KeystoneIds.NewId(), "admin");
        var member = new KeystoneRole(KeystoneIds.NewId(), "member");
        var reader = new KeystoneRole(KeystoneIds.NewId(), "reader");
        AdminProject = new KeystoneProject(KeystoneIds.NewId(), "admin", domain);
        DemoProject = new KeystoneProject(KeystoneIds.NewId(), "demo", domain);
        Admin = new EmulatorUser(KeystoneIds.NewId(), "admin", "admin-secret", domain);
        Demo = new EmulatorUser(KeystoneIds.NewId(), "demo", "demo-secret", domain);
        assignments[(Admin.Id, AdminProject.Id)] = [admin, member, reader];
        assignments[(Admin.Id, DemoProject.Id)] = [member, reader];
        assignments[(Demo.Id, DemoProject.Id)] = [member, reader];
        DemoCredential = new ApplicationCredential(KeystoneIds.NewId(), "emulator-demo", "demo-appcred-secret", Demo, DemoProject, [member, reader]);
    }

    public KeystoneProject AdminProject { get; }

    public KeystoneProject DemoProject { get; }

    public EmulatorUser Admin { get; }

    public EmulatorUser Demo { get; }

    public ApplicationCredential DemoCredential { get; }

    public IReadOnlyList<EmulatorUser> Users => [Admin, Demo];

    // Name lookups compare exactly: the reference stack keeps Keystone in sqlite, whose "=" is case-sensitive.
    // Like Keystone's _lookup_domain, a non-empty name wins over the id.
    public KeystoneDomain? FindDomain(string? id, string? name)
    {
        var domain = KeystoneDomain.Default;
        return (string.IsNullOrEmpty(name) ? domain.Id == id : domain.Name == name) ? domain : null;
    }

    public EmulatorUser? FindUser(string? id) => Users.FirstOrDefault(user => user.Id == id);

    public EmulatorUser? FindUser(string? name, KeystoneDomain domain) =>
        Users.FirstOrDefault(user => user.Name == name && user.Domain == domain);

    public KeystoneProject? FindProject(string? id) => Projects.FirstOrDefault(project => project.Id == id);

    public KeystoneProject? FindProject(string? name, KeystoneDomain domain) =>
        Projects.FirstOrDefault(project => project.Name == name && project.Domain == domain);

    /// <summary>The user's roles on the project; empty when the user has none there.</summary>
    public IReadOnlyList<KeystoneRole> RolesOn(EmulatorUser user, KeystoneProject project) =>
        assignments.GetValueOrDefault((user.Id, project.Id), []);

    public ApplicationCredential? FindCredential(string? id) => DemoCredential.Id == id ? DemoCredential : null;

    public ApplicationCredential? FindCredential(EmulatorUser user, string? name) =>
        DemoCredential.User == user && DemoCredential.Name == name ? DemoCredential : null;

    private IReadOnlyList<KeystoneProject> Projects => [AdminProject, DemoProject];
}
