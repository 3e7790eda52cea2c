using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Vietnix.Keypairs.Client.Errors;
using Xunit;

namespace Vietnix.Keypairs.Client.Tests;

/// <summary>
/// The client is a private assembly of the module: the cmdlets reach its internals through
/// InternalsVisibleTo, so the only public types are the exceptions a caller may meet and the types
/// those exceptions expose. Anything else made public would be surface nobody is meant to use.
/// </summary>
public class PublicSurfaceTests
{
    private static readonly Assembly Client = typeof(VietnixApiException).Assembly;

    [Fact]
    public void Every_public_type_is_an_exception_or_is_exposed_by_one()
    {
        var exported = Client.GetExportedTypes();
        var exceptions = exported.Where(type => typeof(Exception).IsAssignableFrom(type)).ToList();
        var exposedByExceptions = new HashSet<Type>(exceptions.SelectMany(TypesInPublicMembers));

        var unexplained = exported
            .Where(type => !typeof(Exception).IsAssignableFrom(type) && !exposedByExceptions.Contains(type))
            .Select(type => type.FullName)
            .ToList();

        Assert.NotEmpty(exceptions);
        Assert.Empty(unexplained);
    }

    [Fact]
    public void The_cmdlet_assembly_and_the_tests_are_the_only_friends()
    {
        var friends = Client.GetCustomAttributes<System.Runtime.CompilerServices.InternalsVisibleToAttribute>()
            .Select(attribute => attribute.AssemblyName)
            .OrderBy(name => name, StringComparer.Ordinal);

        Assert.Equal(
            new[] { "DynamicProxyGenAssembly2", "Vietnix.Keypairs", "Vietnix.Keypairs.Client.Tests", "Vietnix.Keypairs.Tests" },
            friends);
    }

    private static IEnumerable<Type> TypesInPublicMembers(Type exception)
    {
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var properties = exception.GetProperties(Declared).Select(property => property.PropertyType);
        var parameters = exception.GetConstructors().Concat<MethodBase>(exception.GetMethods(Declared))
            .SelectMany(method => method.GetParameters().Select(parameter => parameter.ParameterType));
        var returns = exception.GetMethods(Declared).Select(method => method.ReturnType);
        return properties.Concat(parameters).Concat(returns)
            .Select(type => Nullable.GetUnderlyingType(type) ?? type)
            .SelectMany(type => type.IsGenericType ? type.GetGenericArguments().Append(type) : new[] { type });
    }
}
