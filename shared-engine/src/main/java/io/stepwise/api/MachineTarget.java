package io.stepwise.api;

import io.stepwise.engine.port.StateMachineAliasRecord;
import io.stepwise.engine.port.StateMachineRecord;
import io.stepwise.engine.port.StateMachineVersionRecord;
import java.util.random.RandomGenerator;

/**
 * What a StartExecution or DescribeStateMachine ARN resolves to: the state machine itself (its latest revision),
 * one of its versions, or an alias, which picks one of its versions by weight.
 *
 * @param versionArn the version the definition comes from, {@code null} for the unqualified state machine
 * @param aliasArn the alias that chose the version, else {@code null}
 */
record MachineTarget(StateMachineRecord machine, String definition, String roleArn, long revision,
        String description, String versionArn, String aliasArn) {

    static MachineTarget resolve(Backend backend, String arn, RandomGenerator random) {
        Arns.Qualified qualified = Arns.qualified(arn);
        StateMachineRecord machine = backend.machine(qualified.stateMachineArn());
        if (qualified.isVersion()) {
            return ofVersion(machine, version(backend, arn), null);
        }
        if (qualified.isAlias()) {
            StateMachineAliasRecord alias = backend.versions().findAlias(arn).orElseThrow(() ->
                    ApiException.of("ResourceNotFound", "Resource not found: '" + arn + "'"));
            return ofVersion(machine, version(backend, pick(alias, random.nextInt(100))), alias.arn());
        }
        return new MachineTarget(machine, machine.definition(), machine.roleArn(), machine.revision(), null, null,
                null);
    }

    private static MachineTarget ofVersion(StateMachineRecord machine, StateMachineVersionRecord version,
            String aliasArn) {
        return new MachineTarget(machine, version.definition(), version.roleArn(), version.revision(),
                version.description(), version.arn(), aliasArn);
    }

    static StateMachineVersionRecord version(Backend backend, String versionArn) {
        return backend.versions().findVersion(versionArn).orElseThrow(() -> ApiException.of(
                "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + versionArn + "'"));
    }

    /** The route whose cumulative weight first exceeds {@code draw}, a number in [0, 100). */
    private static String pick(StateMachineAliasRecord alias, int draw) {
        int cumulative = 0;
        for (StateMachineAliasRecord.Route route : alias.routes()) {
            cumulative += route.weight();
            if (draw < cumulative) {
                return route.versionArn();
            }
        }
        return alias.routes().get(alias.routes().size() - 1).versionArn();
    }
}
