package no.carepath.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;

import no.carepath.platform.CarepathPage;
import no.carepath.security.AccessReports;
import no.carepath.security.Actor;
import no.carepath.security.CarepathGroups;
import no.carepath.security.Municipalities;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /app/access-statistics}: the managers' view of the access log, without any patient: reads
 * per week by channel and role, and the people whose reads deserve a look (reads outside their own
 * work; many patients in a short time). Following them up is the manager's duty under Normen and
 * helsepersonelloven §21a.
 */
@Controller
@CarepathPage
@RequestMapping("/app/access-statistics")
class AccessStatisticsPages {

  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

  record CountRow(String week, String channel, String role, long reads, long patients) {
  }

  record FlagRow(String who, String role, String pattern, long reads, long patients, String period) {
  }

  private final AccessReports reports;
  private final Municipalities municipalities;
  private final Clock clock;

  AccessStatisticsPages(AccessReports reports, Municipalities municipalities, Clock clock) {
    this.reports = reports;
    this.municipalities = municipalities;
    this.clock = clock;
  }

  @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
  String statistics(@RequestParam(defaultValue = "8") int weeks, Model model) {
    int span = Math.max(1, Math.min(weeks, 104));
    Actor actor = Actor.current();
    Collection<String> scope = actor.isMemberOf(CarepathGroups.ADMINISTRATORS)
        ? municipalities.getMunicipalities().keySet() : actor.municipalities();
    Instant from = clock.instant().minus(Duration.ofDays(7L * span));
    model.addAttribute("weeks", span);
    model.addAttribute("municipalities", String.join(", ", scope.stream().map(municipalities::nameOrNumber).toList()));
    model.addAttribute("burstPatients", AccessReports.BURST_PATIENTS);
    model.addAttribute("burstMinutes", AccessReports.BURST_WINDOW.toMinutes());
    model.addAttribute("counts", reports.counts(scope, from).stream().map(count -> new CountRow(
        "uke fra " + DATE.format(count.week()), AccessWords.channel(count.channel()),
        AccessWords.roles(count.role()), count.reads(), count.patients())).toList());
    List<FlagRow> flags = reports.flags(scope, from).stream().map(flag -> new FlagRow(
        flag.actorName() == null ? flag.actorId() : flag.actorName() + " (" + flag.actorId() + ")",
        AccessWords.roles(flag.actorRoles()),
        flag.pattern().equals("OUTSIDE_OWN_WORK") ? "Oppslag utenfor egne oppgaver"
            : "Mange pasienter på kort tid (" + AccessReports.BURST_PATIENTS + " eller flere på "
                + AccessReports.BURST_WINDOW.toMinutes() + " minutter)",
        flag.reads(), flag.patients(), TIME.format(flag.first().atZone(clock.getZone())) + " – "
            + TIME.format(flag.last().atZone(clock.getZone())))).toList();
    model.addAttribute("flags", flags);
    return "audit/access-statistics";
  }
}
