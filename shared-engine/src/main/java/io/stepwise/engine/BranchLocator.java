package io.stepwise.engine;

import io.stepwise.asl.MapState;
import io.stepwise.asl.ParallelState;
import io.stepwise.asl.State;
import io.stepwise.engine.state.BranchState;
import io.stepwise.engine.state.Phase;
import java.util.List;

/**
 * Finds a branch in the execution tree without visiting its siblings: by the path of child indexes a continuation
 * records, or by a task or timer ref, which starts with the id of the branch that issued it
 * ({@code <parent id>/<state>/<index>#...}). Running children are kept in launch order, which is index order, so
 * each level is a binary search: a trigger costs O(depth · log width), not a walk of the whole tree.
 */
final class BranchLocator {
    private BranchLocator() {
    }

    /** The frame of the branch at {@code path} below {@code root}, or {@code null} if it no longer runs. */
    static Frame byPath(Frame root, List<Integer> path) {
        Frame frame = root;
        for (int index : path) {
            frame = child(frame, index);
            if (frame == null) {
                return null;
            }
        }
        return frame;
    }

    /** The frame of the branch whose id prefixes {@code ref}, or {@code null} if none runs. */
    static Frame byRef(Frame root, String ref) {
        Frame frame = root;
        String id = frame.branch().id;
        if (!ref.startsWith(id)) {
            return null;
        }
        while (true) {
            BranchState branch = frame.branch();
            if (ref.length() > id.length() && ref.charAt(id.length()) == '#') {
                return frame;
            }
            if (branch.phase != Phase.CHILDREN || branch.children == null) {
                return null;
            }
            String prefix = id + "/" + branch.state + "/";
            if (!ref.startsWith(prefix)) {
                return null;
            }
            int end = prefix.length();
            while (end < ref.length() && Character.isDigit(ref.charAt(end))) {
                end++;
            }
            if (end == prefix.length() || end - prefix.length() > 9) {
                return null;
            }
            frame = child(frame, Integer.parseInt(ref.substring(prefix.length(), end)));
            if (frame == null) {
                return null;
            }
            id = frame.branch().id;
            if (!ref.startsWith(id)) {
                return null;
            }
        }
    }

    private static Frame child(Frame frame, int index) {
        BranchState branch = frame.branch();
        if (branch.phase != Phase.CHILDREN || branch.children == null) {
            return null;
        }
        State state = frame.state();
        if (!(state instanceof ParallelState) && !(state instanceof MapState)) {
            return null;
        }
        List<BranchState> active = branch.children.active;
        int low = 0;
        int high = active.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            BranchState candidate = active.get(middle);
            if (candidate.index < index) {
                low = middle + 1;
            } else if (candidate.index > index) {
                high = middle - 1;
            } else {
                return ChildrenStep.childFrame(frame, state, candidate, index);
            }
        }
        return null;
    }
}
