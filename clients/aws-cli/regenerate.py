#!/usr/bin/env python3
"""Writes stepwise-2016-11-23.json: botocore's Step Functions model, renamed to the service "stepwise" and signed
for API Gateway ("execute-api"), so that `aws stepwise ...` and boto3.client("stepwise") call a deployed Stepwise.

Usage: regenerate.py path/to/botocore/data/stepfunctions/2016-11-23/service-2.json
The committed model was generated from botocore 1.43.62 (as vendored by awscli 1.46.3 from pip).
Only the metadata and the "sync-" host prefix change; the operations, shapes and wire protocol (AWS JSON 1.0, X-Amz-Target:
AWSStepFunctions.<Operation>) stay those of Step Functions.
"""
import json
import pathlib
import sys

source = json.loads(pathlib.Path(sys.argv[1]).read_text())
metadata = source["metadata"]
metadata.update({
    "endpointPrefix": "stepwise",
    "serviceId": "Stepwise",
    "serviceFullName": "Stepwise (the AWS Step Functions API on API Gateway)",
    "serviceAbbreviation": "Stepwise",
    "signingName": "execute-api",
    "uid": "stepwise-" + metadata["apiVersion"],
})
# Step Functions sends StartSyncExecution and TestState to a "sync-" host; an API Gateway API has one host.
for operation in source["operations"].values():
    operation.pop("endpoint", None)
target = pathlib.Path(__file__).with_name("stepwise-" + metadata["apiVersion"] + ".json")
target.write_text(json.dumps(source, indent=2, ensure_ascii=False) + "\n")
print(target)
