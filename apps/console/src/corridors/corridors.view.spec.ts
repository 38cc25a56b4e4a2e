import { corridorsView, type BoardAnswer, type CrossingAnswer, type SummaryAnswer } from './corridors.view';

const board: BoardAnswer = {
  at: '2026-12-10T08:00:00.000Z',
  corridors: [
    {
      id: 'karakoram-highway',
      name: 'Karakoram Highway',
      places: [
        { name: 'Islamabad', crossing: null, waiting: 0, booked: 2 },
        { name: 'Sost dry port', crossing: 'khunjerab-tashkurgan', waiting: 3, booked: 0 },
        { name: 'Kashgar', crossing: 'torugart', waiting: 0, booked: 0 },
      ],
      segments: [
        { from: 'Islamabad', to: 'Sost dry port', mode: 'ROAD', carrier: 'NLC', forward: 4, reverse: 1 },
        { from: 'Sost dry port', to: 'Kashgar', mode: 'ROAD', carrier: 'NLC', forward: 0, reverse: 2 },
      ],
      delivered24h: 5,
      elsewhere: 1,
    },
  ],
};
const khunjerab: CrossingAnswer = {
  id: 'khunjerab-tashkurgan',
  name: 'Khunjerab–Tashkurgan',
  kind: 'border',
  place: 'Sost dry port',
  open: false,
  closure: { reason: 'Khunjerab Pass closed for winter', until: '2027-04-01T00:00:00.000Z', source: 'season' },
  seasonalClosure: { reason: 'Khunjerab Pass closed for winter', until: '2027-04-01T00:00:00.000Z' },
  override: null,
  upcoming: [],
};
const torugart: CrossingAnswer = {
  ...khunjerab,
  id: 'torugart',
  name: 'Torugart',
  place: 'Kashgar',
  open: true,
  closure: null,
  seasonalClosure: null,
};
const summary: SummaryAnswer = {
  at: board.at,
  crossings: [
    {
      crossing: 'Khunjerab–Tashkurgan',
      expected: 1,
      waiting: 3,
      awaitingDocuments: 1,
      inspection: 1,
      held: 0,
      readyForDecision: 1,
      slaBreached: 2,
      oldestWaitingSince: '2026-12-09T08:00:00.000Z',
    },
  ],
};

describe('corridors view', () => {
  it('lays out places and legs in forward order, with each crossing’s state and what waits there for customs', () => {
    const view = corridorsView(board, [khunjerab, torugart], summary, []);
    const [kkh] = view.corridors;
    expect(kkh.stops.map((s) => (s.kind === 'place' ? s.name : `${s.from}→${s.to}`))).toEqual([
      'Islamabad',
      'Islamabad→Sost dry port',
      'Sost dry port',
      'Sost dry port→Kashgar',
      'Kashgar',
    ]);
    expect(kkh.stops[2]).toMatchObject({
      kind: 'place',
      waiting: 3,
      crossing: { id: 'khunjerab-tashkurgan', open: false },
      customs: { slaBreached: 2 },
    });
    expect(kkh.stops[4]).toMatchObject({ crossing: { id: 'torugart' } });
    expect(kkh.stops[4]).not.toHaveProperty('customs');
    expect(kkh.totals).toEqual({ booked: 2, moving: 7, waiting: 3, slaBreached: 2, delivered24h: 5, elsewhere: 1 });
    expect(kkh.closed).toEqual(['Khunjerab–Tashkurgan']);
  });

  it('draws what it has when a service did not answer, and says so', () => {
    const view = corridorsView(board, undefined, undefined, ['customs did not answer']);
    expect(view.corridors[0].stops[2]).toEqual({ kind: 'place', name: 'Sost dry port', booked: 0, waiting: 3 });
    expect(view.corridors[0].closed).toEqual([]);
    expect(view.problems).toEqual(['customs did not answer']);
    expect(corridorsView(undefined, undefined, undefined, ['shipments did not answer']).corridors).toEqual([]);
  });
});
