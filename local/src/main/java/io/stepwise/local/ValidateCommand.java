package io.stepwise.local;

import io.stepwise.asl.StateMachineType;
import io.stepwise.asl.validation.DefinitionValidator;
import io.stepwise.asl.validation.ValidationResult;
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
        StateMachineType type = StateMachineType.fromWireName(arguments.option(TYPE, StateMachineType.STANDARD.name()))
                .orElseThrow(() -> CliError.usage("--type must be STANDARD or EXPRESS"));
        ValidationResult result = DefinitionValidator.validate(definitionText, type);
        out.println(StepwiseCli.prettyJson(result.response(Integer.MAX_VALUE)));
        return result.ok() ? StepwiseCli.EXIT_OK : StepwiseCli.EXIT_FAILED;
    }
}
