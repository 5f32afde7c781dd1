package io.stepwise.engine;

import io.stepwise.engine.state.BranchState;
import io.stepwise.engine.state.Phase;

/**
 * Finds the branch whose Distributed Map runs a given Map Run. Only UpdateMapRun needs it, which names a Map Run by
 * its ARN alone, so a walk of the running branches is fine.
 */
final class MapRunLocator {
    private MapRunLocator() {
    }

    static Frame byArn(Frame frame, String mapRunArn) {
        BranchState branch = frame.branch();
        if (branch.phase != Phase.CHILDREN) {
            return null;
        }
        if (branch.mapRun != null) {
            return branch.mapRun.mapRunArn.equals(mapRunArn) ? frame : null;
        }
        if (branch.children == null) {
            return null;
        }
        for (BranchState child : branch.children.active) {
            Frame found = byArn(ChildrenStep.childFrame(frame, frame.state(), child, child.index), mapRunArn);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
