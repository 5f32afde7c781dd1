package io.stepwise.query.jsonata;

import com.dashjoin.jsonata.Jsonata;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One walk over a parsed expression that finds what Step Functions' static checks need.
 *
 * <p>AWS evaluates every expression without a context value, so a path whose first step is a bare field
 * name, {@code $}, a wildcard or a parent step would read nothing; AWS refuses those "at the top level".
 * Inside predicates, group-by and sort terms, later path steps and transforms the context is an item of a
 * sequence, so the same names are fine there.
 */
final class ReferenceCollector {
    private static final Jsonata.Frame BUILTINS = Jsonata.jsonata("0").createFrame();

    final Set<String> topLevelReferences = new LinkedHashSet<>();
    final Set<String> statesFields = new LinkedHashSet<>();
    final Set<String> calledFunctions = new LinkedHashSet<>();
    /** The nodes whose value is called: procedures of function calls, right sides of {@code ~>}. */
    final Set<Object> calledNodes = Collections.newSetFromMap(new IdentityHashMap<>());
    boolean usesContextRoot;
    /** How deep the syntax tree is, counted until it passes {@link DeepExpressions#MAX_NESTING}. */
    int depth;
    private int level;
    private final Set<String> readVariables = new LinkedHashSet<>();
    private final Set<String> boundNames = new LinkedHashSet<>();

    static ReferenceCollector collect(Jsonata expression) {
        ReferenceCollector collector = new ReferenceCollector();
        collector.walk(SyntaxTree.root(expression), true);
        return collector;
    }

    /**
     * Variables the expression reads from the workflow. Names bound anywhere in the expression are left out
     * wholesale, which is exact for the usual {@code ($x := ...; $x)} and only imprecise for an expression
     * that both reads an outer {@code $x} and rebinds it.
     */
    Set<String> workflowVariables() {
        Set<String> variables = new LinkedHashSet<>(readVariables);
        variables.removeAll(boundNames);
        variables.removeIf(ReferenceCollector::isFunction);
        return variables;
    }

    private static boolean isFunction(String name) {
        return StepFunctionsFunctions.NAMES.contains(name) || BUILTINS.lookup(name) != null;
    }

    private void walk(Object node, boolean topLevel) {
        if (!SyntaxTree.isNode(node) || depth > DeepExpressions.MAX_NESTING) {
            return;
        }
        depth = Math.max(depth, ++level);
        try {
            walkNode(node, topLevel);
        } finally {
            level--;
        }
    }

    private void walkNode(Object node, boolean topLevel) {
        String type = SyntaxTree.type(node);
        switch (type == null ? "" : type) {
            case "path" -> walkPath(node, topLevel);
            case "name" -> {
                if (topLevel) {
                    topLevelReferences.add(String.valueOf(SyntaxTree.value(node)));
                }
            }
            case "wildcard", "descendant", "parent" -> {
                if (topLevel) {
                    topLevelReferences.add(String.valueOf(SyntaxTree.value(node)));
                }
            }
            case "variable" -> readVariable(String.valueOf(SyntaxTree.value(node)), topLevel);
            case "bind" -> {
                bind(SyntaxTree.child(node, "lhs"));
                walk(SyntaxTree.child(node, "rhs"), topLevel);
            }
            case "lambda" -> {
                SyntaxTree.children(node, "arguments").forEach(this::bind);
                walk(SyntaxTree.child(node, "body"), topLevel);
            }
            case "function", "partial" -> {
                Object procedure = SyntaxTree.child(node, "procedure");
                calledNodes.add(procedure);
                if (procedure != null && "variable".equals(SyntaxTree.type(procedure))) {
                    calledFunctions.add(String.valueOf(SyntaxTree.value(procedure)));
                } else {
                    walk(procedure, topLevel);
                }
                walkAll(SyntaxTree.children(node, "arguments"), topLevel);
            }
            case "transform" -> {
                walk(SyntaxTree.child(node, "pattern"), false);
                walk(SyntaxTree.child(node, "update"), false);
                walk(SyntaxTree.child(node, "delete"), false);
            }
            case "sort" -> SyntaxTree.children(node, "terms")
                    .forEach(term -> walk(SyntaxTree.child(term, "expression"), false));
            default -> {
                if ("apply".equals(type)) {
                    calledNodes.add(SyntaxTree.child(node, "rhs"));
                }
                for (String role : List.of("lhs", "rhs", "condition", "then", "_else", "expression")) {
                    walk(SyntaxTree.child(node, role), topLevel);
                }
                walkAll(SyntaxTree.children(node, "expressions"), topLevel);
                walkAll(SyntaxTree.children(node, "lhsObject"), topLevel);
            }
        }
        walkStepExtras(node);
    }

    private void walkPath(Object node, boolean topLevel) {
        List<?> steps = SyntaxTree.children(node, "steps");
        if (steps.size() > 1 && isVariable(steps.get(0), "states") && "name".equals(SyntaxTree.type(steps.get(1)))) {
            statesFields.add(String.valueOf(SyntaxTree.value(steps.get(1))));
        }
        for (int i = 0; i < steps.size(); i++) {
            walk(steps.get(i), topLevel && i == 0);
        }
    }

    /** Predicates, group-by and positional bindings of a step all run per item, never at the top level. */
    private void walkStepExtras(Object node) {
        for (String role : List.of("stages", "predicate")) {
            for (Object stage : SyntaxTree.children(node, role)) {
                walk(SyntaxTree.get(stage, "expr"), false);
            }
        }
        Object group = SyntaxTree.child(node, "group");
        if (group != null) {
            walkAll(SyntaxTree.children(group, "lhsObject"), false);
        }
        for (String role : List.of("focus", "index")) {
            if (SyntaxTree.get(node, role) instanceof String name) {
                boundNames.add(name);
            }
        }
    }

    private void walkAll(List<?> nodes, boolean topLevel) {
        nodes.forEach(n -> walk(n, topLevel));
    }

    private void readVariable(String name, boolean topLevel) {
        if (name.equals("$")) {
            usesContextRoot = true;
        } else if (name.isEmpty()) {
            if (topLevel) {
                topLevelReferences.add("$");
            }
        } else if (!name.equals("states")) {
            readVariables.add(name);
        }
    }

    private void bind(Object variable) {
        if (variable != null && "variable".equals(SyntaxTree.type(variable))) {
            boundNames.add(String.valueOf(SyntaxTree.value(variable)));
        }
    }

    private static boolean isVariable(Object node, String name) {
        return "variable".equals(SyntaxTree.type(node)) && name.equals(SyntaxTree.value(node));
    }
}
