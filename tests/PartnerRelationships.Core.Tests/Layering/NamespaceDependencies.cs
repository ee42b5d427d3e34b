using System.Reflection;
using System.Reflection.Emit;

namespace PartnerRelationships.Core.Tests.Layering;

/// <summary>
/// Reads Core's compiled types and lists which Core folder (top-level namespace under PartnerRelationships.Core)
/// each type depends on: base type, interfaces and generic constraints, fields, properties, events, method and
/// constructor signatures, custom attributes, local variables, and every type, field and method token in the IL of
/// method bodies (so a call, a `new` or a cast counts as a reference even when no signature names the type).
/// </summary>
internal static class NamespaceDependencies
{
    public const string CorePrefix = "PartnerRelationships.Core.";

    public sealed record Reference(string FromLayer, string ToLayer, string FromType, string ToMember);

    private const BindingFlags AllDeclared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(opCode => opCode.Value);

    /// <summary>The folder a Core type lives in: "Workflow" for PartnerRelationships.Core.Workflow and
    /// "Compliance" for PartnerRelationships.Core.Compliance.Rules (sub-folders belong to their folder's layer).</summary>
    public static string? LayerOf(Type type)
    {
        var outer = type;
        while (outer.DeclaringType is not null) outer = outer.DeclaringType;
        var ns = outer.Namespace;
        if (ns is null || !ns.StartsWith(CorePrefix, StringComparison.Ordinal)) return null;
        var rest = ns.Substring(CorePrefix.Length);
        var dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest.Substring(0, dot);
    }

    /// <summary>Every reference from a Core type to a Core type in another folder.</summary>
    public static IReadOnlyList<Reference> CrossLayerReferences(Assembly core)
    {
        var found = new List<Reference>();
        foreach (var type in core.GetTypes())
        {
            var fromLayer = LayerOf(type);
            if (fromLayer is null) continue;
            foreach (var (target, member) in ReferencesOf(type))
            {
                var outermost = true;
                foreach (var referenced in Flatten(target))
                {
                    // The member names the outermost type only (List<Foo>.Add is a reference to Foo, not Foo.Add).
                    var described = outermost && member is not null ? member : Describe(referenced);
                    outermost = false;
                    if (referenced.Assembly != core) continue;
                    var toLayer = LayerOf(referenced);
                    if (toLayer is null || toLayer == fromLayer) continue;
                    found.Add(new Reference(fromLayer, toLayer, Describe(type), described));
                }
            }
        }
        return found;
    }

    private static IEnumerable<(Type Type, string? Member)> ReferencesOf(Type type)
    {
        if (type.BaseType is not null) yield return (type.BaseType, null);
        foreach (var parameter in type.IsGenericTypeDefinition ? type.GetGenericArguments() : Type.EmptyTypes)
        {
            foreach (var constraint in parameter.GetGenericParameterConstraints()) yield return (constraint, null);
        }
        foreach (var contract in type.GetInterfaces()) yield return (contract, null);
        foreach (var attribute in type.CustomAttributes) yield return (attribute.AttributeType, null);
        foreach (var field in type.GetFields(AllDeclared)) yield return (field.FieldType, null);
        foreach (var property in type.GetProperties(AllDeclared)) yield return (property.PropertyType, null);
        foreach (var @event in type.GetEvents(AllDeclared))
        {
            if (@event.EventHandlerType is not null) yield return (@event.EventHandlerType, null);
        }
        var methods = type.GetMethods(AllDeclared).Cast<MethodBase>().Concat(type.GetConstructors(AllDeclared));
        foreach (var method in methods)
        {
            if (method is MethodInfo info) yield return (info.ReturnType, null);
            foreach (var parameter in method.GetParameters()) yield return (parameter.ParameterType, null);
            foreach (var attribute in method.CustomAttributes) yield return (attribute.AttributeType, null);
            foreach (var local in LocalTypes(method)) yield return (local, null);
            foreach (var reference in IlReferences(type, method)) yield return reference;
        }
    }

    private static IEnumerable<Type> LocalTypes(MethodBase method)
    {
        IList<LocalVariableInfo> locals;
        try { locals = method.GetMethodBody()?.LocalVariables ?? (IList<LocalVariableInfo>)Array.Empty<LocalVariableInfo>(); }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException or TypeLoadException) { locals = Array.Empty<LocalVariableInfo>(); }
        return locals.Select(local => local.LocalType);
    }

    /// <summary>Walks the IL of one method body and resolves every type, field and method token in it.</summary>
    private static IEnumerable<(Type Type, string? Member)> IlReferences(Type type, MethodBase method)
    {
        byte[]? il;
        try { il = method.GetMethodBody()?.GetILAsByteArray(); }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException) { il = null; }
        if (il is null) yield break;

        var typeArguments = type.IsGenericType ? type.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE) value = (short)(0xFE00 | il[position++]);
            var opCode = OpCodesByValue[value];
            var operandSize = OperandSize(opCode.OperandType, il, position);
            if (opCode.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var token = BitConverter.ToInt32(il, position);
                MemberInfo? resolved;
                try { resolved = method.Module.ResolveMember(token, typeArguments, methodArguments); }
                catch (ArgumentException) { resolved = null; }
                switch (resolved)
                {
                    case Type referencedType:
                        yield return (referencedType, null);
                        break;
                    case MemberInfo member when member.DeclaringType is not null:
                        yield return (member.DeclaringType, Describe(member.DeclaringType) + "." + member.Name);
                        if (member is MethodInfo { IsGenericMethod: true } generic)
                        {
                            foreach (var argument in generic.GetGenericArguments()) yield return (argument, null);
                        }
                        if (member is FieldInfo field) yield return (field.FieldType, null);
                        break;
                }
            }
            position += operandSize;
        }
    }

    private static int OperandSize(OperandType operandType, byte[] il, int position) => operandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, position),
        _ => 4,
    };

    /// <summary>The type itself plus every type inside it: array and by-ref elements, generic arguments.</summary>
    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.IsGenericParameter) yield break;
        if (type.HasElementType)
        {
            foreach (var inner in Flatten(type.GetElementType()!)) yield return inner;
            yield break;
        }
        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                foreach (var inner in Flatten(argument)) yield return inner;
            }
        }
    }

    private static string Describe(Type type)
    {
        var outer = type;
        while (outer.DeclaringType is not null && IsCompilerGenerated(outer)) outer = outer.DeclaringType;
        var name = outer.FullName ?? outer.Name;
        var tick = name.IndexOf('`');
        return tick < 0 ? name : name.Substring(0, tick);
    }

    private static bool IsCompilerGenerated(Type type) =>
        type.Name.Contains('<') || type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false);
}
