package io.stepwise.integrations.aws;

import software.amazon.awssdk.core.SdkField;

/**
 * Step Functions names parameters and response members in PascalCase "even if the native service API is in
 * camelCase" (AWS docs, AWS SDK integrations): the Step Functions API's own model names members
 * {@code stateMachineArn}, a Task passes {@code StateMachineArn}.
 */
final class MemberNames {
    private MemberNames() {
    }

    static String of(SdkField<?> field) {
        String name = field.memberName();
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
