package io.stepwise.it.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.it.LocalClients;
import io.stepwise.it.aws.AwsDeployment;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The recorded AWS cases through Stepwise on AWS, on moto: the AWS SDK's {@link SfnClient} calls the API function
 * through a loopback API Gateway ({@code ApiHandler} fed REST proxy events), and the transition, task and timer
 * workers run from the stack's SQS queues as Lambda's event source mappings would feed them, with the sweep on its
 * schedule ({@link AwsDeployment}); virtual time. The same runner, comparison, known deviations and ratchet as
 * {@link ServerConformanceSuite}. Prints {@code conformance (aws): N passed, M failed, K skipped} and writes
 * {@code target/conformance-aws-report.json}. Skipped, saying why, without a moto server.
 *
 * <p>Every case runs, held to the same {@code conformance-ratchet.txt} as the in-memory and server runs, so the
 * AWS path's count is measured against the local one on every build: about 170–300 s on the shared 2-core
 * machine (moto grows by about 20 MB since {@code ./test} starts it with its dashboard's object tracking off; it
 * grew by 2.4 GB before). {@code -Dconformance.aws=sample} runs a fixed sample instead, every
 * {@value #SAMPLE_EVERY}th case in file order (about 40, across every category, 15–30 s), held to
 * {@code conformance-aws-ratchet.txt}, for a quick check while working.
 */
class AwsConformanceSuite {
    static final int SAMPLE_EVERY = 20;
    private static final boolean ALL = !"sample".equals(System.getProperty("conformance.aws"))
            || System.getProperty("conformance.dir") != null;
    private static final ConformanceReport REPORT = new ConformanceReport(ALL ? "aws" : "aws, sample",
            "conformance-aws-report.json", ALL ? "conformance-ratchet.txt" : "conformance-aws-ratchet.txt");

    /**
     * Cases per deployment: moto copies a table for each item of a transaction, so commits slow down as the tables
     * fill; a fresh deployment every so many cases keeps the whole corpus linear in time and in moto's memory.
     */
    static final int CASES_PER_DEPLOYMENT = 100;

    private static AwsDeployment deployment;
    private static SfnClient sfn;
    private static ServerCaseRunner runner;
    private static int casesRun;

    @BeforeAll
    static void deploy() throws IOException {
        // As in the other runs: the service-integration cases' Lambda functions in-process, other services on moto.
        deployment = AwsDeployment.start(ServiceFixtures.shared().integrations(Clock.systemUTC()),
                AwsDeployment.Options.defaults().withMapRunIo(ServiceFixtures.shared().mapRunIo()));
        sfn = LocalClients.to(deployment.apiPort(), Duration.ofSeconds(30));
        runner = new ServerCaseRunner(sfn);
    }

    @TestFactory
    Stream<DynamicTest> recordedCasesThroughTheAwsDeployment() throws IOException {
        return REPORT.cases(AwsConformanceSuite::run, ALL ? 1 : SAMPLE_EVERY);
    }

    private static String run(JsonNode testCase) {
        if (casesRun > 0 && casesRun % CASES_PER_DEPLOYMENT == 0) {
            try {
                undeploy();
                deploy();
            } catch (Exception e) {
                throw new IllegalStateException("could not deploy again", e);
            }
        }
        casesRun++;
        return runner.run(testCase);
    }

    private static void undeploy() throws Exception {
        if (sfn != null) {
            sfn.close();
        }
        if (deployment != null) {
            deployment.close();
        }
    }

    @AfterAll
    static void finish() throws Exception {
        try {
            REPORT.finish();
        } finally {
            undeploy();
        }
    }
}
