package io.stepwise.asl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graph of one workflow block: every transition names a state of the same block, some state ends
 * the workflow, and every state can be reached from StartAt.
 */
final class TransitionValidator {

    /** An edge of the graph and where AWS reports it if its target does not exist. */
    private record Transition(String target, String location) {
    }

    private TransitionValidator() {
    }

    static void validate(String startAt, JsonNode states, String blockLocation, ValidationContext ctx) {
        String statesLocation = Locations.field(blockLocation, "States");
        checkTarget(new Transition(startAt, Locations.field(blockLocation, "StartAt")), states, ctx);
        boolean anyTerminal = false;
        Iterator<Map.Entry<String, JsonNode>> entries = states.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            for (Transition transition : transitions(entry.getValue(), Locations.field(statesLocation, entry.getKey()))) {
                checkTarget(transition, states, ctx);
            }
            anyTerminal |= isTerminal(entry.getValue());
        }
        if (!anyTerminal) {
            // AWS reports no location here, and skips the reachability walk.
            ctx.report(Diagnostic.MISSING_END_STATE, "Workflow has no terminal state", null);
            return;
        }
        Set<String> reachable = reachableFrom(startAt, states);
        states.fieldNames().forEachRemaining(name -> {
            if (!reachable.contains(name)) {
                ctx.report(Diagnostic.MISSING_TRANSITION_TARGET, "State \"" + name + "\" is not reachable.",
                        Locations.field(statesLocation, name));
            }
        });
    }

    /** AWS says 'Next' for every kind of transition: StartAt, Default, a Choice rule's or a Catcher's Next. */
    private static void checkTarget(Transition transition, JsonNode states, ValidationContext ctx) {
        if (!states.has(transition.target())) {
            ctx.report(Diagnostic.MISSING_TRANSITION_TARGET, "Missing 'Next' target: " + transition.target(),
                    transition.location());
        }
    }

    private static boolean isTerminal(JsonNode state) {
        String type = state.path("Type").asText();
        return type.equals("Succeed") || type.equals("Fail") || state.path("End").asBoolean(false);
    }

    private static Set<String> reachableFrom(String startAt, JsonNode states) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(startAt));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (states.has(name) && seen.add(name)) {
                transitions(states.get(name), "").forEach(t -> pending.push(t.target()));
            }
        }
        return seen;
    }

    private static List<Transition> transitions(JsonNode state, String location) {
        List<Transition> transitions = new ArrayList<>();
        addIfText(transitions, state.get("Next"), Locations.field(location, "Next"));
        addIfText(transitions, state.get("Default"), Locations.field(location, "Default"));
        for (String list : new String[] {"Choices", "Catch"}) {
            JsonNode items = state.get(list);
            if (items != null && items.isArray()) {
                for (int i = 0; i < items.size(); i++) {
                    addIfText(transitions, items.get(i).get("Next"),
                            Locations.field(Locations.item(Locations.field(location, list), i), "Next"));
                }
            }
        }
        return transitions;
    }

    private static void addIfText(List<Transition> transitions, JsonNode target, String location) {
        if (target != null && target.isTextual()) {
            transitions.add(new Transition(target.asText(), location));
        }
    }
}
