package no.carepath.intake;

import java.util.List;

/**
 * Published once when the demo referrals are loaded (one-command platform only). The demo module
 * takes the GP referrals on through the pathway, so digital home follow-up has patients too.
 *
 * @param gpReferralCases the case ids of the demo GP referrals, in the order they were sent
 */
public record DemoReferralsLoaded(List<String> gpReferralCases) {
}
