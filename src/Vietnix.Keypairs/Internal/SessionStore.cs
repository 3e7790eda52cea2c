using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// One connection per runspace, as Connect-VietnixAccount promises: parallel runspaces
/// (ForEach-Object -Parallel, runbook jobs) never see or replace each other's session.
/// </summary>
internal static class SessionStore
{
    private static readonly ConditionalWeakTable<Runspace, Slot> Slots = new();

    public static VietnixSession? Current => Runspace.DefaultRunspace is { } runspace && Slots.TryGetValue(runspace, out var slot) ? slot.Session : null;

    /// <summary>Replaces the runspace's session and disposes the one it replaces.</summary>
    public static void Replace(Runspace runspace, VietnixSession? session)
    {
        var slot = Slots.GetValue(runspace, _ => new Slot());
        var previous = slot.Session;
        slot.Session = session;
        if (!ReferenceEquals(previous, session))
        {
            previous?.Dispose();
        }
    }

    /// <summary>Removes the runspace's session without disposing it, for a caller that still needs it.</summary>
    public static void Detach(Runspace runspace)
    {
        if (Slots.TryGetValue(runspace, out var slot))
        {
            slot.Session = null;
        }
    }

    private sealed class Slot
    {
        public VietnixSession? Session { get; set; }
    }
}
