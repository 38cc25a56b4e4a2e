import type { CorridorBoard } from './corridor-board';

/** One corridor of the board, as the OpenAPI example (the answer lists all six). */
export const corridorBoardExample: CorridorBoard = {
  at: '2026-06-03T09:00:00.000Z',
  corridors: [
    {
      id: 'kz-karachi-dubai',
      name: 'Kazakhstan → Karachi → Dubai (KTZ Express pilot, road and sea)',
      places: [
        { name: 'Almaty', crossing: null, waiting: 0, booked: 2 },
        { name: 'Gishtkuprik', crossing: 'gishtkuprik-zhibek-zholy', waiting: 1, booked: 0 },
        { name: 'Hairatan', crossing: 'hairatan-termez', waiting: 0, booked: 0 },
        { name: 'Torkham', crossing: 'torkham', waiting: 0, booked: 0 },
        { name: 'Karachi', crossing: 'port-karachi', waiting: 0, booked: 0 },
        { name: 'Jebel Ali', crossing: 'port-jebel-ali', waiting: 0, booked: 1 },
      ],
      segments: [
        { from: 'Almaty', to: 'Gishtkuprik', mode: 'ROAD', carrier: 'KTZE', forward: 3, reverse: 0 },
        { from: 'Gishtkuprik', to: 'Hairatan', mode: 'ROAD', carrier: 'KTZE', forward: 0, reverse: 0 },
        { from: 'Hairatan', to: 'Torkham', mode: 'ROAD', carrier: 'NLC', forward: 0, reverse: 0 },
        { from: 'Torkham', to: 'Karachi', mode: 'ROAD', carrier: 'NLC', forward: 0, reverse: 1 },
        { from: 'Karachi', to: 'Jebel Ali', mode: 'SEA', carrier: 'PIL', forward: 0, reverse: 0 },
      ],
      delivered24h: 4,
      elsewhere: 0,
    },
  ],
};
