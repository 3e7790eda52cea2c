namespace System.Runtime.CompilerServices;

// netstandard2.0 lacks the marker type that C# init-only setters need; the compiler only needs it to exist.
internal static class IsExternalInit
{
}
