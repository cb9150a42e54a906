using Mono.Cecil;

namespace Gongzhi.Tests.Architecture;

/// <summary>
/// Which part of the application uses which, read from the compiled assembly (signatures, base types,
/// attributes and every instruction of every method, lambdas and Razor components included), so that a
/// partially qualified name or a <c>global::</c> cannot hide a dependency the way it could from a text search.
/// </summary>
public sealed class ModuleGraph
{
    /// <summary>A use of one type by another, kept with both names so that a failure says where to look.</summary>
    public sealed record Use(string FromModule, string FromType, string ToModule, string ToType, string Member);

    private ModuleGraph(IReadOnlyList<Use> uses, IReadOnlyList<Use> handlerCalls, IReadOnlyDictionary<string, string> entityOwners,
        IReadOnlySet<string> modules)
    {
        Uses = uses;
        HandlerCalls = handlerCalls;
        EntityOwners = entityOwners;
        Modules = modules;
    }

    /// <summary>Every use that crosses from one part to another.</summary>
    public IReadOnlyList<Use> Uses { get; }

    /// <summary>Calls of a method of an endpoint class (a type named <c>…Api</c>), inside a module as well as across.</summary>
    public IReadOnlyList<Use> HandlerCalls { get; }

    /// <summary>Entity type (full name) → the module whose <c>IEntityTypeConfiguration</c> maps it.</summary>
    public IReadOnlyDictionary<string, string> EntityOwners { get; }

    public IReadOnlySet<string> Modules { get; }

    public const string Platform = "Platform";
    public const string Host = "Host";

    /// <summary>
    /// The part a namespace belongs to: <c>Gongzhi.Platform…</c> is Platform, <c>Gongzhi.Modules.X…</c> is X, the web
    /// shell (<c>Gongzhi.Components</c>, the shared UI strings) is Web; Program and generated code are the Host.
    /// </summary>
    public static string? ModuleOf(string? ns)
    {
        if (string.IsNullOrEmpty(ns))
        {
            return Host;
        }
        if (ns == "Gongzhi.Platform" || ns.StartsWith("Gongzhi.Platform.", StringComparison.Ordinal))
        {
            return Platform;
        }
        if (ns.StartsWith("Gongzhi.Modules.", StringComparison.Ordinal))
        {
            var rest = ns["Gongzhi.Modules.".Length..];
            var dot = rest.IndexOf('.');
            return dot < 0 ? rest : rest[..dot];
        }
        if (ns == "Gongzhi.Components" || ns.StartsWith("Gongzhi.Components.", StringComparison.Ordinal) || ns == "Gongzhi.Resources")
        {
            return "Web";
        }
        return ns.StartsWith("Gongzhi", StringComparison.Ordinal) ? Host : null;
    }

    public static ModuleGraph Read(string assemblyPath) => Read(AssemblyDefinition.ReadAssembly(assemblyPath).MainModule);

    public static ModuleGraph Read(ModuleDefinition module)
    {
        var uses = new HashSet<Use>();
        var handlerCalls = new HashSet<Use>();
        var owners = new Dictionary<string, string>();
        var modules = new HashSet<string>();
        foreach (var type in module.GetTypes())
        {
            var from = ModuleOf(Outermost(type).Namespace);
            if (from is null)
            {
                continue;
            }
            modules.Add(from);
            var fromName = Outermost(type).FullName;
            void Add(TypeReference? target, string member)
            {
                foreach (var referenced in Expand(target))
                {
                    if (referenced.Scope is not ModuleDefinition)
                    {
                        continue;
                    }
                    var outer = Outermost(referenced);
                    var to = ModuleOf(outer.Namespace);
                    if (to is not null && to != from)
                    {
                        uses.Add(new Use(from, fromName, to, outer.FullName, member));
                    }
                }
            }
            Add(type.BaseType, "base type");
            foreach (var i in type.Interfaces)
            {
                Add(i.InterfaceType, "interface");
                // The entity a configuration maps belongs to the configuration's module.
                if (i.InterfaceType is GenericInstanceType { ElementType.Name: "IEntityTypeConfiguration`1" } configuration
                    && configuration.GenericArguments[0] is { } entity && entity.Scope is ModuleDefinition)
                {
                    owners[entity.FullName] = from;
                }
            }
            AddAttributes(type.CustomAttributes, Add);
            foreach (var field in type.Fields)
            {
                Add(field.FieldType, field.Name);
                AddAttributes(field.CustomAttributes, Add);
            }
            foreach (var property in type.Properties)
            {
                Add(property.PropertyType, property.Name);
                AddAttributes(property.CustomAttributes, Add);
            }
            foreach (var method in type.Methods)
            {
                Add(method.ReturnType, method.Name);
                foreach (var parameter in method.Parameters)
                {
                    Add(parameter.ParameterType, method.Name);
                }
                AddAttributes(method.CustomAttributes, Add);
                if (!method.HasBody)
                {
                    continue;
                }
                foreach (var variable in method.Body.Variables)
                {
                    Add(variable.VariableType, method.Name);
                }
                foreach (var instruction in method.Body.Instructions)
                {
                    switch (instruction.Operand)
                    {
                        case TypeReference t:
                            Add(t, method.Name);
                            break;
                        case MethodReference m:
                            Add(m.DeclaringType, $"{method.Name} → {m.Name}");
                            if (m.DeclaringType.Scope is ModuleDefinition && Outermost(m.DeclaringType) is { } api
                                && api.Name.EndsWith("Api", StringComparison.Ordinal))
                            {
                                handlerCalls.Add(new Use(from, fromName, ModuleOf(api.Namespace) ?? Host, api.FullName, m.Name));
                            }
                            Add(m.ReturnType, method.Name);
                            if (m is GenericInstanceMethod g)
                            {
                                foreach (var argument in g.GenericArguments)
                                {
                                    Add(argument, method.Name);
                                }
                            }
                            break;
                        case FieldReference f:
                            Add(f.DeclaringType, $"{method.Name} → {f.Name}");
                            Add(f.FieldType, method.Name);
                            break;
                    }
                }
            }
        }
        return new ModuleGraph(uses.ToList(), handlerCalls.ToList(), owners, modules);
    }

    /// <summary>The parts each part uses, one line per edge.</summary>
    public IReadOnlyDictionary<string, SortedSet<string>> Edges()
    {
        var edges = Modules.ToDictionary(m => m, _ => new SortedSet<string>(StringComparer.Ordinal));
        foreach (var use in Uses)
        {
            edges[use.FromModule].Add(use.ToModule);
        }
        return edges;
    }

    /// <summary>The strongly connected groups of more than one part (Tarjan): each is a set of parts that use each other round.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IReadOnlyDictionary<string, SortedSet<string>> edges)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<IReadOnlyList<string>>();
        var next = 0;
        void Visit(string node)
        {
            index[node] = low[node] = next++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var target in edges.TryGetValue(node, out var targets) ? targets : [])
            {
                if (!index.TryGetValue(target, out var targetIndex))
                {
                    Visit(target);
                    low[node] = Math.Min(low[node], low[target]);
                }
                else if (onStack.Contains(target))
                {
                    low[node] = Math.Min(low[node], targetIndex);
                }
            }
            if (low[node] != index[node])
            {
                return;
            }
            var group = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                group.Add(member);
            }
            while (member != node);
            if (group.Count > 1)
            {
                group.Sort(StringComparer.Ordinal);
                result.Add(group);
            }
        }
        foreach (var node in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }
        return result;
    }

    private static void AddAttributes(IEnumerable<CustomAttribute> attributes, Action<TypeReference?, string> add)
    {
        foreach (var attribute in attributes)
        {
            add(attribute.AttributeType, "attribute");
        }
    }

    private static TypeReference Outermost(TypeReference type)
    {
        var current = type;
        while (current.DeclaringType is not null)
        {
            current = current.DeclaringType;
        }
        return current;
    }

    /// <summary>A type with what it is made of: the element of an array or a pointer, the arguments of a generic.</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference? type)
    {
        switch (type)
        {
            case null:
            case GenericParameter:
                yield break;
            case GenericInstanceType generic:
                foreach (var inner in Expand(generic.ElementType))
                {
                    yield return inner;
                }
                foreach (var argument in generic.GenericArguments)
                {
                    foreach (var inner in Expand(argument))
                    {
                        yield return inner;
                    }
                }
                yield break;
            case TypeSpecification specification:
                foreach (var inner in Expand(specification.ElementType))
                {
                    yield return inner;
                }
                yield break;
            default:
                yield return type;
                yield break;
        }
    }
}
