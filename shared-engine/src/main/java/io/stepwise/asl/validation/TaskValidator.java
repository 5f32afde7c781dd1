package io.stepwise.asl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.asl.IntegrationPattern;
import io.stepwise.asl.ResourceArn;

/** Task: a recognised Resource, timeouts, Credentials, and what Express workflows cannot run. */
final class TaskValidator {
    private static final long MAX_TIMEOUT = 99_999_999L;

    private TaskValidator() {
    }

    static void validate(StateScope s) {
        ValidationContext ctx = s.ctx();
        if (FieldRules.required(s.node(), s.location(), ctx, "Resource")) {
            resource(s);
        }
        FieldRules.exclusive(s.node(), s.location(), ctx, "TimeoutSeconds", "TimeoutSecondsPath");
        FieldRules.exclusive(s.node(), s.location(), ctx, "HeartbeatSeconds", "HeartbeatSecondsPath");
        FieldRules.integer(s.node(), "TimeoutSeconds", s.location(), 1, MAX_TIMEOUT, s.language(), ctx);
        FieldRules.integer(s.node(), "HeartbeatSeconds", s.location(), 1, MAX_TIMEOUT, s.language(), ctx);
        if (s.jsonPath()) {
            PathRules.referencePath(s.node(), "TimeoutSecondsPath", s.location(), PathRules.Roots.ANY, false, ctx);
            PathRules.referencePath(s.node(), "HeartbeatSecondsPath", s.location(), PathRules.Roots.ANY, false, ctx);
        } else {
            JsonataRules.field(s.node(), "TimeoutSeconds", s.location(), ctx);
            JsonataRules.field(s.node(), "HeartbeatSeconds", s.location(), ctx);
        }
        heartbeatBelowTimeout(s);
        credentials(s);
        httpTask(s);
    }

    /**
     * An HTTP Task names its endpoint, method and connection; AWS refuses the definition when a static
     * {@code Parameters} (or JSONata {@code Arguments}) object leaves one out. A field given by a path
     * ({@code ApiEndpoint.$}) or an expression is only known at run time.
     */
    private static void httpTask(StateScope s) {
        JsonNode resource = s.get("Resource");
        if (resource == null || !resource.isTextual()
                || !(ResourceArn.parse(resource.textValue()).orElse(null) instanceof ResourceArn.ServiceIntegration service)
                || service.awsSdk() || !service.service().equals("http") || !service.action().equals("invoke")) {
            return;
        }
        String field = s.jsonPath() ? "Parameters" : "Arguments";
        JsonNode arguments = s.get(field);
        if (arguments == null || !arguments.isObject()) {
            return;
        }
        String at = s.at(field);
        for (String required : new String[] {"ApiEndpoint", "Method", "Authentication"}) {
            if (!present(arguments, required, s.jsonPath())) {
                s.ctx().schema("The field '" + required + "' is required but was missing", at);
            }
        }
        JsonNode authentication = arguments.get("Authentication");
        if (authentication != null && authentication.isObject()
                && !present(authentication, "ConnectionArn", s.jsonPath())) {
            s.ctx().schema("The field 'ConnectionArn' is required but was missing", at + "/Authentication");
        }
    }

    private static boolean present(JsonNode object, String field, boolean jsonPath) {
        return object.has(field) || (jsonPath && object.has(field + ".$"));
    }

    private static void resource(StateScope s) {
        JsonNode value = s.get("Resource");
        String at = s.at("Resource");
        if (!value.isTextual()) {
            s.ctx().schema("The field 'Resource' must be a string", at);
            return;
        }
        String resource = value.asText();
        IntegrationPattern pattern = IntegrationPattern.ofSuffix(resource);
        // Express workflows run request-response only; AWS reports this before looking the resource up.
        // The trailing space after the callback message is AWS's.
        if (s.ctx().express() && pattern.isSync()) {
            s.ctx().schema("Express state machine does not support '.sync' service integration", at);
        } else if (s.ctx().express() && pattern == IntegrationPattern.WAIT_FOR_TASK_TOKEN) {
            s.ctx().schema("Express state machine does not support '.waitForTaskToken' service integration ", at);
        } else if (!ServiceIntegrations.recognized(resource)) {
            s.ctx().schema("The resource provided " + resource + " is not recognized. The value is not a valid "
                    + "resource ARN, or the resource is not available in this region.", at);
        }
    }

    /** A heartbeat at or above the timeout could never fire. */
    private static void heartbeatBelowTimeout(StateScope s) {
        JsonNode timeout = s.get("TimeoutSeconds");
        JsonNode heartbeat = s.get("HeartbeatSeconds");
        if (timeout != null && heartbeat != null && timeout.isNumber() && heartbeat.isNumber()
                && heartbeat.decimalValue().compareTo(timeout.decimalValue()) >= 0) {
            s.ctx().schema("The value of 'HeartbeatSeconds' must be smaller than the value of 'TimeoutSeconds'",
                    s.at("HeartbeatSeconds"));
        }
    }

    private static void credentials(StateScope s) {
        JsonNode credentials = s.get("Credentials");
        if (credentials == null) {
            return;
        }
        String at = s.at("Credentials");
        if (!credentials.isObject()) {
            s.ctx().schema("The field 'Credentials' must be an object", at);
            return;
        }
        boolean hasRole = credentials.has("RoleArn") || (s.jsonPath() && credentials.has("RoleArn.$"));
        if (!hasRole) {
            s.ctx().schema("The field 'RoleArn' is required but was missing", at);
        }
        if (s.jsonPath()) {
            PathRules.payloadTemplate(credentials, at, s.ctx());
        } else {
            JsonataRules.field(s.node(), "Credentials", s.location(), s.ctx());
        }
    }
}
