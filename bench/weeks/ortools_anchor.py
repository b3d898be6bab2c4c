#!/usr/bin/env python3
"""OR-Tools anchor for the weeks benchmark (dev only; bench/weeks/run.ts calls it).

Reads one JSON problem set on stdin, writes one JSON answer per problem on stdout. A problem is
a set of vehicles (one per day) over a drive matrix in minutes; each visit is a group of
alternative nodes (one per open day, each with that day's windows) of which at most one is
visited, dropped at a penalty by tier (A >> B >> C >> drive, as Tessera's objective). Lunch is a
fixed break per vehicle (driving pauses for it; no visit overlaps it). Times are scaled to
1/100 minute integers. Routes come back as node lists; the caller re-times them with Tessera's
own evaluator, so any difference in the models counts against OR-Tools, never silently for it.
"""
import json
import sys

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

SCALE = 100
PENALTY = {1: 10**12, 2: 10**9, 3: 10**6}


def solve(pb):
    size = pb["size"]
    minutes = pb["minutes"]  # row-major size x size, depot = point pb["depot"]
    nodes = pb["nodes"]  # [{point, service, windows: [[o, c]...], day, group, priority}]
    days = pb["days"]  # [{start, end, lunchStart, lunchEnd}]
    depot = pb["depot"]
    n = len(nodes) + 1  # index 0 = depot
    point = [depot] + [x["point"] for x in nodes]
    service = [0] + [x["service"] for x in nodes]
    manager = pywrapcp.RoutingIndexManager(n, len(days), 0)
    routing = pywrapcp.RoutingModel(manager)

    def transit(i, j):
        a = manager.IndexToNode(i)
        b = manager.IndexToNode(j)
        return int(round((service[a] + minutes[point[a] * size + point[b]]) * SCALE))

    def drive(i, j):
        a = manager.IndexToNode(i)
        b = manager.IndexToNode(j)
        return int(round(minutes[point[a] * size + point[b]] * SCALE))

    t_cb = routing.RegisterTransitCallback(transit)
    d_cb = routing.RegisterTransitCallback(drive)
    routing.SetArcCostEvaluatorOfAllVehicles(d_cb)
    horizon = int(max(d["end"] for d in days) * SCALE) + 1
    routing.AddDimension(t_cb, horizon, horizon, False, "Time")
    time = routing.GetDimensionOrDie("Time")
    solver = routing.solver()
    for v, d in enumerate(days):
        time.CumulVar(routing.Start(v)).SetRange(int(d["start"] * SCALE), int(d["end"] * SCALE))
        time.CumulVar(routing.End(v)).SetRange(int(d["start"] * SCALE), int(d["end"] * SCALE))
        if d["lunchEnd"] > d["lunchStart"]:
            brk = solver.FixedDurationIntervalVar(int(d["lunchStart"] * SCALE), int(d["lunchStart"] * SCALE), int((d["lunchEnd"] - d["lunchStart"]) * SCALE), False, "lunch%d" % v)
            routing.GetDimensionOrDie("Time").SetBreakIntervalsOfVehicle([brk], v, [int(round(service[manager.IndexToNode(i)] * SCALE)) if i < n else 0 for i in range(routing.Size() + routing.vehicles())])
    groups = {}
    for k, x in enumerate(nodes):
        idx = manager.NodeToIndex(k + 1)
        if len(days) > 1:
            routing.VehicleVar(idx).SetValues([-1, int(x["day"])])
        wins = sorted(x["windows"]) if x["windows"] else None
        cum = time.CumulVar(idx)
        if wins:
            lo = int(wins[0][0] * SCALE)
            hi = int((wins[-1][1] - x["service"]) * SCALE)
            if hi < lo:
                hi = lo
            cum.SetRange(lo, max(lo, hi))
            for a, b in zip(wins, wins[1:]):
                gap_lo = int((a[1] - x["service"]) * SCALE) + 1
                gap_hi = int(b[0] * SCALE) - 1
                if gap_hi >= gap_lo:
                    cum.RemoveInterval(gap_lo, gap_hi)
        groups.setdefault(x["group"], []).append((idx, x["priority"]))
    for g, members in groups.items():
        routing.AddDisjunction([m[0] for m in members], PENALTY.get(members[0][1], PENALTY[3]), 1)
    # Two visits of one account never on the same day.
    for pair in pb.get("sameAccount", []):
        for a in pair["a"]:
            for b in pair["b"]:
                if nodes[a]["day"] == nodes[b]["day"]:
                    solver.Add(routing.ActiveVar(manager.NodeToIndex(a + 1)) + routing.ActiveVar(manager.NodeToIndex(b + 1)) <= 1)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(int(pb["timeLimitMs"]))
    sol = routing.SolveWithParameters(params)
    routes = [[] for _ in days]
    if sol:
        for v in range(len(days)):
            i = routing.Start(v)
            while not routing.IsEnd(i):
                node = manager.IndexToNode(i)
                if node > 0:
                    routes[v].append(node - 1)
                i = sol.Value(routing.NextVar(i))
    return {"name": pb["name"], "routes": routes, "found": bool(sol)}


def main():
    problems = json.load(sys.stdin)
    out = [solve(pb) for pb in problems]
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
