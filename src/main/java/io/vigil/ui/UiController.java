package io.vigil.ui;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The web UI's pages. They are static files under {@code /ui/} that call the REST API with the
 * browser's session; these mappings give them the addresses links use ({@code incidentUrl} is
 * {@code /ui/incident?id=…}). Signing in is required like everywhere else.
 */
@Controller
class UiController {
  @GetMapping({"/", "/ui", "/ui/"})
  String incidents() {
    return "forward:/ui/index.html";
  }

  @GetMapping("/ui/incident")
  String incident() {
    return "forward:/ui/incident.html";
  }

  @GetMapping("/ui/automation")
  String automation() {
    return "forward:/ui/automation.html";
  }

  @GetMapping("/ui/admin")
  String admin() {
    return "forward:/ui/admin.html";
  }

  @GetMapping("/ui/playbooks")
  String playbooks() {
    return "forward:/ui/playbooks.html";
  }

  @GetMapping("/ui/playbook")
  String playbook() {
    return "forward:/ui/playbook.html";
  }

  @GetMapping("/ui/templates")
  String templates() {
    return "forward:/ui/templates.html";
  }

  @GetMapping("/ui/notifications")
  String notifications() {
    return "forward:/ui/notifications.html";
  }

  @GetMapping("/ui/my-tasks")
  String myTasks() {
    return "forward:/ui/my-tasks.html";
  }
}
