package io.stepwise.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.validation.DefinitionValidator;
import io.stepwise.asl.validation.Diagnostic;
import io.stepwise.asl.validation.ValidationResult;
import io.stepwise.query.Json;
import java.io.PrintStream;
import java.util.Set;

/** {@code stepwise validate}: prints what {@code ValidateStateMachineDefinition} would answer. */
final class ValidateCommand {
    private static final String TYPE = "--type";

    private ValidateCommand() {
    }

    static int execute(String[] args, PrintStream out) {
        CliArguments arguments = CliArguments.parse(args, Set.of(TYPE), Set.of());
        String definitionText = CliFiles.read(arguments.onlyPositional("definition file"));
        String type = arguments.option(TYPE, DefinitionValidator.STANDARD);
        if (!type.equals(DefinitionValidator.STANDARD) && !type.equals(DefinitionValidator.EXPRESS)) {
            throw CliError.usage("--type must be STANDARD or EXPRESS");
        }
        ValidationResult result = DefinitionValidator.validate(definitionText, type);
        out.println(StepwiseCli.prettyJson(response(result)));
        return result.ok() ? StepwiseCli.EXIT_OK : StepwiseCli.EXIT_FAILED;
    }

    private static ObjectNode response(ValidationResult result) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("result", result.ok() ? "OK" : "FAIL");
        ArrayNode diagnostics = body.putArray("diagnostics");
        for (Diagnostic d : result.diagnostics()) {
            ObjectNode node = diagnostics.addObject();
            node.put("severity", d.severity().name());
            node.put("code", d.code());
            node.put("message", d.message());
            // AWS leaves location out, rather than null, where it has none.
            if (d.location() != null) {
                node.put("location", d.location());
            }
        }
        body.put("truncated", false);
        return body;
    }
}
