using System.Collections.Generic;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Vietnix.Keypairs.Client.Configuration;

/// <summary>
/// Reads a YAML text's events once, without building anything, and refuses what would make building
/// it crash or never end: an alias inside the node it names (a cycle, which would overflow the
/// stack), more nodes than <see cref="MaxNodes"/> once every alias and '&lt;&lt;' merge is expanded
/// (billion laughs), or nesting deeper than <see cref="MaxDepth"/>. A clouds.yaml has a few hundred
/// nodes, five levels deep.
/// </summary>
internal static class YamlSizeCheck
{
    public const int MaxNodes = 5000;

    public const int MaxDepth = 64;

    /// <summary>Throws <see cref="CloudConfigException"/> naming <paramref name="path"/> when the text is too large or cyclic.</summary>
    public static void Check(string path, string text)
    {
        var expandedSize = new Dictionary<string, long>();
        var open = new Stack<Collection>();
        var total = 0L;
        var parser = new Parser(new StringReader(text));
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case AnchorAlias alias:
                    var name = alias.Value.Value;
                    foreach (var collection in open)
                    {
                        if (collection.Anchor == name)
                        {
                            throw Refuse(path, $"the alias *{name} on line {alias.Start.Line} is inside the node its anchor &{name} names, so that node would contain itself.");
                        }
                    }

                    // An undefined alias is left to the parser, which reports it with its position.
                    Add(expandedSize.TryGetValue(name, out var size) ? size : 1, alias.Start);
                    break;
                case Scalar scalar:
                    if (!scalar.Anchor.IsEmpty)
                    {
                        expandedSize[scalar.Anchor.Value] = 1;
                    }

                    Add(1, scalar.Start);
                    break;
                case NodeEvent start and (SequenceStart or MappingStart):
                    if (open.Count >= MaxDepth)
                    {
                        throw Refuse(path, $"it is nested more than {MaxDepth} levels deep (line {start.Start.Line}).");
                    }

                    Add(1, start.Start);
                    open.Push(new Collection(start.Anchor.IsEmpty ? null : start.Anchor.Value));
                    break;
                case SequenceEnd or MappingEnd:
                    var finished = open.Pop();
                    if (finished.Anchor is not null)
                    {
                        expandedSize[finished.Anchor] = finished.Nodes + 1;
                    }

                    if (open.Count > 0)
                    {
                        open.Peek().Nodes += finished.Nodes;
                    }

                    break;
            }
        }

        // Counts every node as it would be built: an alias as the whole node it names.
        void Add(long nodes, Mark where)
        {
            total += nodes;
            if (open.Count > 0)
            {
                open.Peek().Nodes += nodes;
            }

            if (total > MaxNodes)
            {
                throw Refuse(path, $"with its aliases and '<<' merges expanded it holds more than {MaxNodes} values (by line {where.Line}), where a clouds.yaml needs a few hundred. Anchors whose nodes refer to other anchors many times over make a file this large.");
            }
        }
    }

    private sealed class Collection(string? anchor)
    {
        public string? Anchor { get; } = anchor;

        /// <summary>Everything in the collection, aliases expanded; the collection itself is counted in its parent.</summary>
        public long Nodes { get; set; }
    }

    private static CloudConfigException Refuse(string path, string problem) =>
        new($"{path} was not read: {problem}");
}
