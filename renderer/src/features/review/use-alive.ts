/** Whether the component is still mounted: answers that arrive after it left are dropped. */
import { useEffect, useRef, type RefObject } from 'react';

export function useAlive(): RefObject<boolean> {
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  return alive;
}
