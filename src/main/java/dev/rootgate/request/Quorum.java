package dev.rootgate.request;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.rootgate.policy.ApprovalStage;

/**
 * Who counts toward which stage of a request's approvals. Every stage must be met; one person fills one place in
 * one stage at most; a vote counts only where its approver's groups admit it. Places are assigned as a maximum
 * matching of approvals to stage places, so an approver who belongs to two stages never blocks a quorum that the
 * votes could meet: earlier votes and earlier stages come first where there is a choice.
 */
public final class Quorum {

    /** How one vote stands. {@code stage} is 1-based for a vote that counts, 0 otherwise. */
    public record Standing(Kind kind, int stage) {
        public boolean counts() {
            return kind == Kind.COUNTS;
        }
    }

    public enum Kind {
        /** Fills a place in {@link Standing#stage()}. */
        COUNTS,
        /** An approval that every stage it could fill had no room for. */
        BEYOND_NEED,
        /** An approval from someone the stages (or the rule as it stands) no longer admit. */
        NOT_ELIGIBLE,
        DENY
    }

    /** A stage and the approvers (subjects, in the order they decided) who fill its places. */
    public record StageProgress(ApprovalStage stage, List<String> approvers) {
        public int missing() {
            return Math.max(0, stage.count() - approvers.size());
        }
    }

    /** The stages with their progress, and how each voter stands (by subject, in the order they decided). */
    public record Tally(List<StageProgress> stages, Map<String, Standing> standings) {
        public boolean met() {
            return stages.stream().allMatch(progress -> progress.missing() == 0);
        }

        public long counting() {
            return standings.values().stream().filter(Standing::counts).count();
        }

        public int required() {
            return stages.stream().mapToInt(progress -> progress.stage().count()).sum();
        }
    }

    /** One vote as the quorum sees it: who, which way, and the groups that decide where it may count. */
    public record Vote(String subject, Verdict verdict, Set<String> groups) {
    }

    private Quorum() {
    }

    /**
     * The tally of {@code votes} (in the order they were cast) against {@code stages}. A vote may count in a stage
     * whose groups include one of the voter's groups that {@code stillApproving} also contains: the groups that
     * the rule, as it stands, still lets approve.
     */
    public static Tally tally(List<ApprovalStage> stages, Set<String> stillApproving, List<Vote> votes) {
        List<Integer> placeStage = new ArrayList<>();
        for (int stage = 0; stage < stages.size(); stage++) {
            for (int place = 0; place < stages.get(stage).count(); place++) {
                placeStage.add(stage);
            }
        }
        List<List<Integer>> admits = new ArrayList<>();
        for (Vote vote : votes) {
            List<Integer> places = new ArrayList<>();
            if (vote.verdict() == Verdict.APPROVE) {
                for (int place = 0; place < placeStage.size(); place++) {
                    if (admitted(stages.get(placeStage.get(place)), stillApproving, vote.groups())) {
                        places.add(place);
                    }
                }
            }
            admits.add(places);
        }
        int[] holder = new int[placeStage.size()];
        Arrays.fill(holder, -1);
        for (int voter = 0; voter < votes.size(); voter++) {
            place(voter, admits, holder, new boolean[placeStage.size()]);
        }

        List<List<String>> filled = new ArrayList<>();
        stages.forEach(stage -> filled.add(new ArrayList<>()));
        int[] stageOf = new int[votes.size()];
        Arrays.fill(stageOf, -1);
        for (int place = 0; place < holder.length; place++) {
            if (holder[place] >= 0) {
                stageOf[holder[place]] = placeStage.get(place);
            }
        }
        Map<String, Standing> standings = new LinkedHashMap<>();
        for (int voter = 0; voter < votes.size(); voter++) {
            Vote vote = votes.get(voter);
            if (vote.verdict() == Verdict.DENY) {
                standings.put(vote.subject(), new Standing(Kind.DENY, 0));
            } else if (stageOf[voter] >= 0) {
                filled.get(stageOf[voter]).add(vote.subject());
                standings.put(vote.subject(), new Standing(Kind.COUNTS, stageOf[voter] + 1));
            } else {
                standings.put(vote.subject(), new Standing(admits.get(voter).isEmpty() ? Kind.NOT_ELIGIBLE
                        : Kind.BEYOND_NEED, 0));
            }
        }
        List<StageProgress> progress = new ArrayList<>();
        for (int stage = 0; stage < stages.size(); stage++) {
            progress.add(new StageProgress(stages.get(stage), List.copyOf(filled.get(stage))));
        }
        return new Tally(List.copyOf(progress), standings);
    }

    private static boolean admitted(ApprovalStage stage, Set<String> stillApproving, Set<String> voterGroups) {
        return voterGroups.stream().anyMatch(group -> stage.groups().contains(group) && stillApproving.contains(group));
    }

    /**
     * Kuhn's augmenting path: gives {@code voter} a free place if one admits them, else moves earlier voters to
     * other places they admit to make room. Free places first keeps earlier voters where they sat.
     */
    private static boolean place(int voter, List<List<Integer>> admits, int[] holder, boolean[] visited) {
        for (int place : admits.get(voter)) {
            if (!visited[place] && holder[place] < 0) {
                visited[place] = true;
                holder[place] = voter;
                return true;
            }
        }
        for (int place : admits.get(voter)) {
            if (visited[place]) {
                continue;
            }
            visited[place] = true;
            if (holder[place] < 0 || place(holder[place], admits, holder, visited)) {
                holder[place] = voter;
                return true;
            }
        }
        return false;
    }
}
