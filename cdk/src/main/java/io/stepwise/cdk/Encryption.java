package io.stepwise.cdk;

import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.sqs.QueueEncryption;

/** How data at rest is encrypted: with the customer's KMS key when one is given, else with AWS-managed keys. */
record Encryption(IKey key) {

    TableEncryption table() {
        return key == null ? TableEncryption.AWS_MANAGED : TableEncryption.CUSTOMER_MANAGED;
    }

    QueueEncryption queue() {
        return key == null ? QueueEncryption.SQS_MANAGED : QueueEncryption.KMS;
    }

    BucketEncryption bucket() {
        return key == null ? BucketEncryption.S3_MANAGED : BucketEncryption.KMS;
    }
}
