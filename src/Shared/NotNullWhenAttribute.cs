namespace System.Diagnostics.CodeAnalysis;

// netstandard2.0 lacks the nullable-analysis attributes; the compiler only needs them to exist.
[AttributeUsage(AttributeTargets.Parameter)]
internal sealed class NotNullWhenAttribute(bool returnValue) : Attribute
{
    public bool ReturnValue { get; } = returnValue;
}
