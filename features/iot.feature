Feature: IoT devices over MQTT
  Readings that devices publish to the MQTT broker reach Prometheus through mqtt2prometheus,
  and the IoT dashboard shows them.

  # The dashboard file's queries are run on Prometheus itself: Grafana is not asked here.
  @iot @needs-mosquitto @needs-mqtt-exporter @needs-prometheus
  Scenario: An MQTT reading reaches Prometheus, and the IoT dashboard's queries return it from Prometheus
    Given the stack is running
    When a device of this run publishes a temperature of 21.5, a humidity of 40.25 and a battery voltage of 3.125
    Then Prometheus has "device_temperature_celsius" 21.5 for that device
    And Prometheus has "device_humidity_percent" 40.25 for that device
    And Prometheus has "device_battery_volts" 3.125 for that device
    And every Prometheus query of the "iot-devices-mqtt" dashboard returns data from Prometheus, one with that device in it

  @iot @needs-grafana @needs-mosquitto @needs-mqtt-exporter @needs-prometheus
  Scenario: Grafana's IoT dashboard shows an MQTT reading
    Given the stack is running
    When a device of this run publishes a temperature of 21.5, a humidity of 40.25 and a battery voltage of 3.125
    Then every panel query of the "iot-devices-mqtt" dashboard returns data through Grafana, one with that device in it
