using System.Management.Automation;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// Lets a copy of a context made in another process (Start-Job and remoting deserialise it, without
/// its session) reach -Context, so the command can say why it cannot be used rather than fail binding.
/// </summary>
internal sealed class ContextCopyAttribute : ArgumentTransformationAttribute
{
    private static readonly string CopyTypeName = "Deserialized." + typeof(VietnixContext).FullName;

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        inputData is PSObject { BaseObject: not VietnixContext } copy && copy.TypeNames.Contains(CopyTypeName)
            ? VietnixContext.WithoutSession()
            : inputData;
}
