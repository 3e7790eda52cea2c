using System.Diagnostics;

namespace Vietnix.Keypairs.Emulator.Faults;

/// <summary>
/// --parent-pid: the emulator stops when the process that started it ends, so an aborted test run
/// (Ctrl+C, a killed CI job) leaves no emulator behind. The parent is not this process's parent in
/// the kernel's sense once a launcher is in between, so it is polled rather than waited on.
/// </summary>
internal static class ParentWatch
{
    public static void Start(int parentPid, IHostApplicationLifetime lifetime) =>
        _ = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
            try
            {
                while (IsRunning(parentPid) && await timer.WaitForNextTickAsync(lifetime.ApplicationStopping))
                {
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lifetime.StopApplication();
        });

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
