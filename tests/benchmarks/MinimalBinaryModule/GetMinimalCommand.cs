using System.Management.Automation;

namespace MinimalBinaryModule;

/// <summary>Does nothing: only there so that PowerShell has one cmdlet to discover when it imports the module.</summary>
[Cmdlet(VerbsCommon.Get, "Minimal")]
public sealed class GetMinimalCommand : PSCmdlet
{
}
