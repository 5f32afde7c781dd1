package io.stepwise.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One Stepwise Lambda function: Java 21 on arm64 from the functions jar, SnapStart on its published versions, the
 * {@value #ALIAS} alias that event sources and the API call (SnapStart applies to versions only), a log group kept
 * a month, and alarms on its errors and throttles.
 */
final class StepwiseFunction extends Construct {
    static final String ALIAS = "live";

    final Function function;
    final Alias alias;
    final List<Alarm> alarms;

    StepwiseFunction(Construct scope, String id, Code code, String handler, int memoryMb, Duration timeout,
            Map<String, String> environment) {
        this(scope, id, null, code, handler, memoryMb, timeout, environment);
    }

    /** @param functionName the function's name, or {@code null} to let CloudFormation name it */
    StepwiseFunction(Construct scope, String id, String functionName, Code code, String handler, int memoryMb,
            Duration timeout, Map<String, String> environment) {
        super(scope, id);
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        function = Function.Builder.create(this, "Function")
                .functionName(functionName)
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .code(code)
                .handler(handler)
                .memorySize(memoryMb)
                .timeout(timeout)
                .environment(environment)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .logGroup(logs)
                .description("Stepwise " + id)
                .build();
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Callers use the '" + ALIAS + "' alias on the published current version");
        alias = Alias.Builder.create(this, "Alias").aliasName(ALIAS).version(function.getCurrentVersion()).build();
        alarms = List.of(
                alarm("ErrorsAlarm", function.metricErrors(perMinute()), "failed invocations"),
                alarm("ThrottlesAlarm", function.metricThrottles(perMinute()), "throttled invocations"));
    }

    private Alarm alarm(String id, Metric metric, String what) {
        return Alarm.Builder.create(this, id)
                .alarmDescription("The Stepwise " + getNode().getId() + " function has " + what)
                .metric(metric)
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    private static MetricOptions perMinute() {
        return MetricOptions.builder().period(Duration.minutes(1)).statistic("Sum").build();
    }
}
