package io.stepwise.asl.validation;

import io.stepwise.asl.IntegrationPattern;
import io.stepwise.asl.ResourceArn;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which {@code arn:aws:states:::service:action[.pattern]} resources exist, and which integration
 * patterns each service supports (the "optimized integrations" table of the Step Functions guide).
 */
final class ServiceIntegrations {
    private record Service(Set<String> actions, boolean sync, boolean callback) {
    }

    private static final Pattern SDK_SERVICE = Pattern.compile("[a-z0-9-]+");
    private static final Pattern SDK_ACTION = Pattern.compile("[a-zA-Z0-9]+");

    private static final Map<String, Service> SERVICES = Map.ofEntries(
            Map.entry("lambda", new Service(Set.of("invoke"), false, true)),
            Map.entry("dynamodb", new Service(Set.of("getItem", "putItem", "deleteItem", "updateItem"), false, false)),
            Map.entry("sns", new Service(Set.of("publish"), false, true)),
            Map.entry("sqs", new Service(Set.of("sendMessage"), false, true)),
            Map.entry("states", new Service(Set.of("startExecution"), true, true)),
            Map.entry("events", new Service(Set.of("putEvents"), false, true)),
            Map.entry("apigateway", new Service(Set.of("invoke"), false, true)),
            Map.entry("http", new Service(Set.of("invoke"), false, false)),
            Map.entry("ecs", new Service(Set.of("runTask"), true, true)),
            Map.entry("eks", new Service(Set.of("runJob", "call", "createCluster", "deleteCluster",
                    "createNodegroup", "deleteNodegroup", "createFargateProfile", "deleteFargateProfile"), true, true)),
            Map.entry("batch", new Service(Set.of("submitJob"), true, false)),
            Map.entry("glue", new Service(Set.of("startJobRun"), true, false)),
            Map.entry("databrew", new Service(Set.of("startJobRun"), true, false)),
            Map.entry("athena", new Service(Set.of("startQueryExecution", "stopQueryExecution",
                    "getQueryExecution", "getQueryResults"), true, false)),
            Map.entry("codebuild", new Service(Set.of("startBuild", "stopBuild", "batchDeleteBuilds",
                    "batchGetReports", "startBuildBatch"), true, false)),
            Map.entry("bedrock", new Service(Set.of("invokeModel", "createModelCustomizationJob"), true, true)),
            Map.entry("mediaconvert", new Service(Set.of("createJob"), true, false)),
            Map.entry("sagemaker", new Service(Set.of("createTrainingJob", "createTransformJob", "createModel",
                    "createEndpoint", "createEndpointConfig", "updateEndpoint", "createHyperParameterTuningJob",
                    "createLabelingJob", "createProcessingJob"), true, false)),
            Map.entry("elasticmapreduce", new Service(Set.of("createCluster", "terminateCluster", "addStep",
                    "cancelStep", "setClusterTerminationProtection", "modifyInstanceFleetByName",
                    "modifyInstanceGroupByName"), true, false)),
            Map.entry("emr-containers", new Service(Set.of("startJobRun", "createVirtualCluster",
                    "deleteVirtualCluster"), true, false)),
            Map.entry("emr-serverless", new Service(Set.of("createApplication", "startApplication",
                    "stopApplication", "deleteApplication", "startJobRun", "cancelJobRun"), true, false)));

    private ServiceIntegrations() {
    }

    /** Whether AWS recognises {@code resource}: a known integration with a supported pattern, or another ARN. */
    static boolean recognized(String resource) {
        Optional<ResourceArn> parsed = ResourceArn.parse(resource);
        if (parsed.isEmpty()) {
            return false;
        }
        if (!(parsed.get() instanceof ResourceArn.ServiceIntegration integration)) {
            // Lambda function and activity ARNs carry region and account; AWS only checks their shape here.
            return true;
        }
        IntegrationPattern pattern = integration.pattern();
        if (integration.awsSdk()) {
            return !pattern.isSync() && SDK_SERVICE.matcher(integration.service()).matches()
                    && SDK_ACTION.matcher(integration.action()).matches();
        }
        Service service = SERVICES.get(integration.service());
        return service != null && service.actions().contains(integration.action())
                && (!pattern.isSync() || service.sync())
                && (pattern != IntegrationPattern.WAIT_FOR_TASK_TOKEN || service.callback());
    }
}
